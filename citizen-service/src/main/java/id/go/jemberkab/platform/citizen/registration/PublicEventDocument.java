package id.go.jemberkab.platform.citizen.registration;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event people register for. {@code seats} lists the registrations holding a seat (confirmed, offered or
 * checked in): a registration takes one with a single conditional {@code $push} that only matches while
 * the list is shorter than the capacity, so no concurrency can oversell. {@code waiting} counts the
 * waitlisted not yet offered a seat: while it is above zero, freed seats go to them, not to newcomers.
 */
@Document(PublicEventDocument.COLLECTION)
record PublicEventDocument(@Id String id, String title, int capacity, String overflowUrl, Instant opensAt,
    Instant closesAt, Instant startsAt, Instant endsAt, int offerHoldMinutes, List<String> seats, long waitSeq,
    long waiting, Instant createdAt) {

  static final String COLLECTION = "public_events";

  int seatCount() {
    return seats == null ? 0 : seats.size();
  }
}
