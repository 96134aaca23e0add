package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable part of a citizen, sent whole (PUT): also the way to rectify data on the citizen's request.
 * NIK, birth date and sex are the NIK's own and cannot change; an absent optional field is removed.
 */
@Schema(example = """
    {"name":"Budi Santoso","desaCode":"35.09.01.2001","address":"Dusun Krajan, RT 01/RW 03",
     "phone":"+6281234567890","email":null}""")
public record UpdateCitizenRequest(String name, String desaCode, String address, String phone, String email) {

  record ValidUpdate(String name, Region desa, String address, String phone, String email) {
  }

  ValidUpdate validate() {
    List<FieldError> errors = new ArrayList<>();
    String cleanName = CitizenFields.name(name, errors);
    Region desa = CitizenFields.desa(desaCode, errors);
    String cleanAddress = CitizenFields.address(address, errors);
    String cleanPhone = CitizenFields.phone(phone, errors);
    String cleanEmail = CitizenFields.email(email, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ValidUpdate(cleanName, desa, cleanAddress, cleanPhone, cleanEmail);
  }
}
