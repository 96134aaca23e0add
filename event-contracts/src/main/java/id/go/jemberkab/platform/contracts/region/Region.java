package id.go.jemberkab.platform.contracts.region;

/** One official administrative area: code ({@code 35.09.19.1001}), name, level. */
public record Region(String code, String name, Level level) {

  /** Administrative levels below the province, as the Kepmendagri code table names them. */
  public enum Level {
    KABUPATEN, KECAMATAN, KELURAHAN, DESA;

    /** Desa and kelurahan are the same tier: a kelurahan is an urban desa (code 1xxx vs 2xxx). */
    public boolean isVillage() {
      return this == KELURAHAN || this == DESA;
    }
  }

  /** The kecamatan code ({@code 35.09.xx}) of a desa or kelurahan; a kecamatan's own code otherwise. */
  public String kecamatanCode() {
    return level.isVillage() ? code.substring(0, code.lastIndexOf('.')) : code;
  }
}
