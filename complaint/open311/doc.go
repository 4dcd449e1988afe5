// Package open311 converts complaints to and from Open311 GeoReport v2
// (wiki.open311.org/GeoReport_v2), the civic-report API of FixMyStreet,
// SeeClickFix and many cities, so existing clients can file reports and
// existing tools can read them. It builds on package complaint, which does
// not depend on it.
//
// A Codec does the conversions with the administration's taxonomy (service
// codes are category codes) and office directory (agency names); For
// returns the one configured like a complaint.Service:
//
//   - a POST service request (PostRequest, read by ParsePostRequest from a
//     form or by DecodePostJSON) becomes a complaint.Filed (Codec.Filing,
//     or File to register it at once): service_code is a category code;
//     lat/long, address_string and address_id give the Place; email,
//     first_name, last_name, phone, account_id and device_id go to the
//     Person and nowhere else; description and media_url are kept as the
//     citizen's own (personal) text and links;
//   - a complaint.View becomes the public GET representation
//     (Codec.Request, a Request, written by EncodeRequestsJSON and
//     EncodeRequestsXML);
//   - GET services lists the taxonomy's categories (Codec.Services);
//   - a Request read from another system (DecodeRequestsJSON,
//     DecodeRequestsXML) can be imported as a new complaint (Codec.Import).
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
// identifiers, the citizen's text and media, the 060606 ticket, the
// address as written (interno, scala, "c/o" and names) and the exact
// position stay in the complaint's history, for the office.
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
