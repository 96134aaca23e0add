package id.go.jemberkab.platform.citizen.registry;

/** Sex as recorded on the KTP; a NIK encodes it by adding 40 to the day of birth for women. */
public enum Sex {
  MALE, FEMALE
}
