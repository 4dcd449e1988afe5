// Package open311 converts complaints to and from Open311 GeoReport v2
// (wiki.open311.org/GeoReport_v2), the civic-report API of FixMyStreet,
// SeeClickFix and many cities, and serves it: existing clients can file
// reports and follow them, existing tools can read them. It builds on
// package complaint, which does not depend on it.
//
// # Serving
//
// Handler is an http.Handler (standard library only) over a
// complaint.Service, mounted where the application likes
// (http.StripPrefix):
//
//	GET  services.{xml,json}         the taxonomy's categories
//	GET  services/{code}.{xml,json}  a service definition: its attributes
//	POST requests.{xml,json}         file a report (form-encoded, as the
//	                                 specification says; multipart and JSON too)
//	GET  requests.{xml,json}         service_request_id (a comma list, which
//	                                 overrides the rest), service_code,
//	                                 start_date, end_date, status
//	GET  requests/{id}.{xml,json}    one request
//	GET  tokens/{token}.{xml,json}   the request a token stands for
//
// The api_key of a POST is checked by the application's Keys (KeyMap is a
// fixed one), which names the actor the client files as, recorded in each
// complaint's history. A POST answers with an array of one response,
// <service_requests><request> in XML, as FixMyStreet reads it
// (request[0].service_request_id), carrying the service_request_id and
// the answer term as service_notice; with Config.Deferred it answers with a
// token at once and Handler.Process files the request later, received at
// the time of the POST, after which GET tokens/{token} gives its
// identifier. GET requests lists, most recent first, at most MaxResults
// requests received within MaxWindow (90 days; the last 90 by default).
//
// Every refusal is an errors document (<errors><error><code>, or a JSON
// array) with the HTTP status ErrorsFor maps the typed error to: 400 for
// bad input (a *FieldError names the field and the problem), 403 for a bad
// api_key, 404 for an unknown request, service (ErrUnknownService) or
// token, 409 for a conflict, 500 otherwise. The description is a fixed text
// or a FieldError's: never an error's own text, which may quote what the
// client sent.
//
// # Converting
//
// A Codec does the conversions with the administration's taxonomy (service
// codes are category codes), office directory (agency names) and the
// attributes it asks per category (Codec.Attributes: a photo's link, a
// licence plate; a category asks its own and its ancestors'); For returns
// the one configured like a complaint.Service:
//
//   - a POST service request (PostRequest, read by ParsePostRequest from a
//     form or by DecodePostJSON) becomes a complaint.Filed (Codec.Filing,
//     or File to register it at once): service_code is a category code;
//     lat/long, address_string and address_id give the Place; email,
//     first_name, last_name, phone, account_id and device_id go to the
//     Person and nowhere else; description and media_url are kept as the
//     citizen's own (personal) text and links; the answers to the declared
//     variable attributes, checked against their datatype, become the
//     complaint's attributes (complaint.Service.Attributes), personal and
//     never published, and what was not asked is not kept;
//   - a complaint.View becomes the public GET representation
//     (Codec.Request, a Request, written by EncodeRequestsJSON and
//     EncodeRequestsXML);
//   - GET services and GET service definition come from the taxonomy and
//     the attributes (Codec.Services, Codec.Definition);
//   - a Request read from another system (DecodeRequestsJSON,
//     DecodeRequestsXML) can be imported as a new complaint (Codec.Import).
//
// Every document has an encoder and a decoder in both formats: services,
// service definition, requests, POST and token responses, errors.
//
// # Reading what others write
//
// Decoders are lenient where real servers differ from the specification's
// letter: identifiers, service_code, address_id and zipcode given as
// numbers; coordinates as strings; booleans (metadata, required, variable)
// as the strings "true" and "false"; null for an empty field; a single
// object for an array. StandardStatus maps the extended statuses back-ends
// send (investigating, in_progress, action_scheduled, fixed, duplicate...)
// onto open and closed, the original kept in Request.ExtendedStatus. A
// record that still cannot be read (an unknown status, only one of lat and
// long, no identifier or status, a field of the wrong type) is skipped and
// reported in RecordErrors, one RecordError per record, while the others
// are returned: one bad record does not reject a list.
//
// # What is published
//
// The public representation carries the category, the office's own
// summary as description, the responsible office, the dates, the status
// with notes in Italian and the answer term. The place of the problem is
// published coarser than it is kept (complaint.View.PublicPlace): the
// street and civic number only, without what the citizen wrote after them,
// and lat/long rounded to 4 decimals (about 10 m).
//
// Never published: personal data. The reporter's name, contacts, codes and
// identifiers, the citizen's text, media and attribute answers, the 060606
// ticket, the address as written (interno, scala, "c/o" and names) and the
// exact position stay in the complaint's history, for the office. The
// account_id a client sends comes back only in the answer to its own POST.
//
// # Statuses and dates
//
// Open311 has two statuses, StatusOpen and StatusClosed. A complaint is
// closed once answered or closed (Phase "Chiusa"); a merged duplicate has
// its master's status. Datetimes are written in UTC
// ("2026-10-02T08:00:00Z") and read in any W3C form with a zone.
//
// Decoding errors and refused requests wrap complaint.ErrInvalid.
package open311
