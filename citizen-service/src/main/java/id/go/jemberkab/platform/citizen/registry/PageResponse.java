package id.go.jemberkab.platform.citizen.registry;

import java.util.List;

/** One page of a listing: its items, where it is, and how many there are in all. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
