package id.go.jemberkab.platform.content.publishing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A new item or a new edition of one, as an author writes it. Bahasa Indonesia is required, English optional.
 * On an update every field is sent again (it is the whole edition), with a change note.
 */
@Schema(example = """
    {"type":"product","slug":"kopi-robusta-sidomulyo",
     "title":{"id":"Kopi Robusta Sidomulyo","en":"Sidomulyo Robusta Coffee"},
     "summary":{"id":"Kopi petik merah dari lereng Argopuro.","en":"Red-picked coffee from the Argopuro slopes."},
     "body":{"id":"Kelompok tani Sidomulyo mengolah kopi robusta petik merah...","en":"The Sidomulyo farmers..."},
     "tags":["umkm","kopi"],"kecamatanCodes":["35.09.19"],
     "media":[{"url":"https://jemberkab.go.id/media/kopi.jpg","type":"image","altText":"Biji kopi merah di tangan petani"}],
     "product":{"name":"Kopi Robusta Sidomulyo","producer":"KUB Tani Sidomulyo","kecamatanCode":"35.09.19",
                "priceMin":45000,"priceMax":120000,"howToOrder":"Pesan lewat WhatsApp Galeri UMKM Jember."},
     "channels":["facebook","instagram"],"changeNote":"Harga 2026","major":false}""")
record ContentRequest(String type, String slug, Texts title, Texts summary, Texts body, List<String> tags,
    List<String> kecamatanCodes, List<MediaRequest> media, ProductRequest product, String eventId,
    List<String> channels, String changeNote, Boolean major) {

  /** A text in Bahasa Indonesia ({@code id}, required) and English ({@code en}, optional). */
  record Texts(String id, String en) {
  }

  record MediaRequest(String url, String type, String altText) {
  }

  record ProductRequest(String name, String producer, String kecamatanCode, Long priceMin, Long priceMax,
      String howToOrder) {
  }
}
