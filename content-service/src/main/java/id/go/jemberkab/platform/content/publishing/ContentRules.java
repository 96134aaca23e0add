package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.content.publishing.ContentDocument.Media;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Product;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Texts;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an author's edition field by field and turns it into the stored shape, or answers 400 with every
 * field error at once. Messages never repeat the submitted value.
 */
final class ContentRules {

  static final Set<String> TYPES = Set.of("news", "announcement", "programme", "product", "event-page");
  static final Set<String> SOCIAL = Set.of("facebook", "instagram", "youtube");
  static final Set<String> MEDIA_TYPES = Set.of("image", "video", "document");
  /** Path segments of the API that a slug must not take. */
  static final Set<String> RESERVED = Set.of("items", "engagement", "search");
  static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private static final Pattern TAG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private static final Pattern UUID_TEXT =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final int MAX_BODY = 50_000;
  static final int MAX_KECAMATAN = 31;
  /** web, facebook, instagram, youtube, and room for a repeated one. */
  static final int MAX_CHANNELS = 8;

  /** The checked fields of an edition. */
  record Edition(String type, String slug, Texts title, Texts summary, Texts body, List<String> tags,
      List<String> kecamatanCodes, List<Media> media, Product product, String eventId, List<String> channels,
      String changeNote, boolean major) {

    List<String> searchTerms() {
      return SearchTerms.of(title.id(), title.en(), summary.id(), summary.en(), body.id(), body.en(),
          String.join(" ", tags));
    }
  }

  private final RegionDirectory regions = RegionDirectory.jember();

  Edition check(ContentRequest request, boolean update) {
    if (request == null) {
      throw InvalidRequestException.of("body", "required", "Send the item as a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    String type = request.type();
    if (type == null || !TYPES.contains(type)) {
      errors.add(new FieldError("type", "type.invalid", "type must be one of " + String.join(", ", TYPES)));
    }
    Texts title = texts("title", request.title(), true, 200, false, errors);
    Texts summary = texts("summary", request.summary(), false, 500, true, errors);
    Texts body = texts("body", request.body(), true, MAX_BODY, true, errors);
    String slug = request.slug() == null || request.slug().isBlank()
        ? (title != null ? slugOf(title.id()) : null) : request.slug().strip();
    if (slug == null && title != null) {
      errors.add(new FieldError("slug", "required", "give the item a slug: its title has no letters or digits"));
    } else if (slug != null && (slug.length() > 120 || !SLUG.matcher(slug).matches() || RESERVED.contains(slug))) {
      errors.add(new FieldError("slug", "slug.invalid",
          "slug must be lower-case letters and digits joined by single hyphens, at most 120, not items/engagement/search"));
    }
    List<String> tags = tags(request.tags(), errors);
    List<String> kecamatan = new ArrayList<>();
    List<String> codes = request.kecamatanCodes() == null ? List.of() : request.kecamatanCodes();
    // Jember has 31 kecamatan: a longer list is refused whole, not answered with an error per entry (a 1 MB body
    // of empty strings would have made a response of tens of megabytes)
    if (codes.size() > MAX_KECAMATAN) {
      errors.add(new FieldError("kecamatanCodes", "too-many", "at most " + MAX_KECAMATAN + " kecamatan codes"));
      codes = List.of();
    }
    for (int i = 0; i < codes.size(); i++) {
      if (codes.get(i) == null || !regions.isKecamatan(codes.get(i))) {
        errors.add(new FieldError("kecamatanCodes[" + i + "]", "kecamatan.unknown",
            "not a kecamatan code of Jember (35.09.xx)"));
      } else if (!kecamatan.contains(codes.get(i))) {
        kecamatan.add(codes.get(i));
      }
    }
    List<Media> media = media(request.media(), errors);
    Product product = product(type, request.product(), errors);
    String eventId = request.eventId();
    if ("event-page".equals(type)) {
      if (eventId == null || !UUID_TEXT.matcher(eventId).matches()) {
        errors.add(new FieldError("eventId", "event-id.invalid", "an event page needs the citizen-service event id"));
      }
    } else if (eventId != null) {
      errors.add(new FieldError("eventId", "event-id.unexpected", "only an event page names an event"));
    }
    Set<String> channels = new LinkedHashSet<>();
    List<String> requested = request.channels() == null ? List.of() : request.channels();
    if (requested.size() > MAX_CHANNELS) {
      errors.add(new FieldError("channels", "too-many", "at most " + MAX_CHANNELS + " channels"));
      requested = List.of();
    }
    for (int i = 0; i < requested.size(); i++) {
      String channel = requested.get(i);
      if (channel != null && SOCIAL.contains(channel)) { // Set.of(...).contains(null) throws
        channels.add(channel);
      } else if (!"web".equals(channel)) {
        errors.add(new FieldError("channels[" + i + "]", "channel.invalid",
            "channels are facebook, instagram and youtube; the web portal is always included"));
      }
    }
    String changeNote = request.changeNote() == null ? null : request.changeNote().strip();
    if (update && (changeNote == null || changeNote.isEmpty())) {
      errors.add(new FieldError("changeNote", "required", "a new edition needs a change note"));
    } else if (changeNote != null && changeNote.length() > 500) {
      errors.add(new FieldError("changeNote", "too-long", "changeNote has at most 500 characters"));
    }
    control("changeNote", changeNote, false, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new Edition(type, slug, title, summary, body, tags, List.copyOf(kecamatan), media, product,
        eventId, List.copyOf(channels), changeNote == null || changeNote.isEmpty() ? "Edisi pertama" : changeNote,
        Boolean.TRUE.equals(request.major()));
  }

  /** A text with control characters is refused ({@link Inputs#hasControlCharacters}). */
  private static void control(String field, String text, boolean lines, List<FieldError> errors) {
    if (Inputs.hasControlCharacters(text, lines)) {
      errors.add(new FieldError(field, "text.control-characters", field + " may not hold control characters"
          + (lines ? " other than line breaks and tabs" : "")));
    }
  }

  private static Texts texts(String field, ContentRequest.Texts texts, boolean required, int max, boolean lines,
      List<FieldError> errors) {
    if (texts == null || texts.id() == null || texts.id().isBlank()) {
      if (required) {
        errors.add(new FieldError(field + ".id", "required", field + " in Bahasa Indonesia is required"));
        return null;
      }
      if (texts != null && texts.en() != null && !texts.en().isBlank()) {
        errors.add(new FieldError(field + ".id", "required", "an English " + field + " needs the Indonesian one"));
      }
      return new Texts(null, null);
    }
    String id = texts.id().strip();
    String en = texts.en() == null || texts.en().isBlank() ? null : texts.en().strip();
    if (id.length() > max) {
      errors.add(new FieldError(field + ".id", "too-long", field + ".id has at most " + max + " characters"));
    }
    if (en != null && en.length() > max) {
      errors.add(new FieldError(field + ".en", "too-long", field + ".en has at most " + max + " characters"));
    }
    control(field + ".id", id, lines, errors);
    control(field + ".en", en, lines, errors);
    return new Texts(id, en);
  }

  private static List<String> tags(List<String> tags, List<FieldError> errors) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > 20) {
      errors.add(new FieldError("tags", "too-many", "at most 20 tags"));
      return List.of();
    }
    Set<String> checked = new LinkedHashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i) == null ? "" : tags.get(i).strip().toLowerCase(Locale.ROOT);
      if (tag.length() > 40 || !TAG.matcher(tag).matches()) {
        errors.add(new FieldError("tags[" + i + "]", "tag.invalid",
            "a tag is lower-case letters and digits joined by hyphens, at most 40"));
      } else {
        checked.add(tag);
      }
    }
    return List.copyOf(checked);
  }

  private static List<Media> media(List<ContentRequest.MediaRequest> media, List<FieldError> errors) {
    if (media == null) {
      return List.of();
    }
    if (media.size() > 20) {
      errors.add(new FieldError("media", "too-many", "at most 20 media references"));
      return List.of();
    }
    List<Media> checked = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      ContentRequest.MediaRequest m = media.get(i);
      String field = "media[" + i + "]";
      if (m == null) {
        errors.add(new FieldError(field, "required", "a media reference is an object with url, type and altText"));
        continue;
      }
      int before = errors.size();
      String url = Inputs.httpUrl(field + ".url", m.url(), errors);
      if (url == null && errors.size() == before) {
        errors.add(new FieldError(field + ".url", "required", "a media reference needs its URL"));
      }
      if (m.type() == null || !MEDIA_TYPES.contains(m.type())) {
        errors.add(new FieldError(field + ".type", "media-type.invalid", "type is image, video or document"));
      }
      String alt = m.altText() == null ? null : m.altText().strip();
      if ("image".equals(m.type()) && (alt == null || alt.isEmpty())) {
        errors.add(new FieldError(field + ".altText", "required", "an image needs alt text for screen readers"));
      } else if (alt != null && alt.length() > 300) {
        errors.add(new FieldError(field + ".altText", "too-long", "altText has at most 300 characters"));
      }
      control(field + ".altText", alt, false, errors);
      checked.add(new Media(url, m.type(), alt));
    }
    return List.copyOf(checked);
  }

  private Product product(String type, ContentRequest.ProductRequest product, List<FieldError> errors) {
    if (!"product".equals(type)) {
      if (product != null) {
        errors.add(new FieldError("product", "product.unexpected", "only a product listing has product details"));
      }
      return null;
    }
    if (product == null) {
      errors.add(new FieldError("product", "required", "a product listing needs its product details"));
      return null;
    }
    if (product.name() == null || product.name().isBlank() || product.name().length() > 200) {
      errors.add(new FieldError("product.name", "required", "the product's name, at most 200 characters"));
    }
    if (product.producer() == null || product.producer().isBlank() || product.producer().length() > 200) {
      errors.add(new FieldError("product.producer", "required", "the producer (UMKM), at most 200 characters"));
    }
    if (product.kecamatanCode() != null && !regions.isKecamatan(product.kecamatanCode())) {
      errors.add(new FieldError("product.kecamatanCode", "kecamatan.unknown", "not a kecamatan code of Jember"));
    }
    if (product.priceMin() != null && product.priceMin() < 0 || product.priceMax() != null && product.priceMax() < 0) {
      errors.add(new FieldError("product.priceMin", "price.invalid", "prices are rupiah, not negative"));
    } else if (product.priceMin() != null && product.priceMax() != null && product.priceMin() > product.priceMax()) {
      errors.add(new FieldError("product.priceMax", "price.range", "priceMax is at least priceMin"));
    }
    if (product.howToOrder() == null || product.howToOrder().isBlank() || product.howToOrder().length() > 1000) {
      errors.add(new FieldError("product.howToOrder", "required", "how to order, at most 1000 characters"));
    }
    control("product.name", product.name(), false, errors);
    control("product.producer", product.producer(), false, errors);
    control("product.howToOrder", product.howToOrder(), true, errors);
    return new Product(strip(product.name()), strip(product.producer()), product.kecamatanCode(),
        product.priceMin(), product.priceMax(), strip(product.howToOrder()));
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  /** A slug from an Indonesian title: "Pelatihan UMKM Kopi 2026" becomes {@code pelatihan-umkm-kopi-2026}. */
  static String slugOf(String title) {
    String folded = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (folded.length() > 120) {
      folded = folded.substring(0, 120).replaceAll("-+$", "");
    }
    return folded.isEmpty() ? null : folded;
  }
}
