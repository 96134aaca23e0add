package id.go.jemberkab.platform.citizen.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a listing: its items, where it is, and how many there are in all. */
@Schema(example = """
    {"items":[{"id":"bd404486-66c8-4b21-8a09-7b2944332473","name":"Budi Santoso","desaCode":"35.09.19.1001",
     "kecamatanCode":"35.09.19","registeredAt":"2026-11-27T18:42:29.519Z"}],"page":0,"size":20,"total":1}""")
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
