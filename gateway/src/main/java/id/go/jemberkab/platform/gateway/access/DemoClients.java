package id.go.jemberkab.platform.gateway.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default: registers the demo clients with fitting scopes on the first start and writes each
 * one's API key to {@code platform.gateway.demo-clients} (owner-only files), where {@code ./platform key
 * CLIENT} finds it. On later starts a key file that no longer opens the door (a reset state folder, another
 * store) gets a fresh key. Only when that directory is configured.
 */
@Component
class DemoClients {

  static final List<Demo> CLIENTS = List.of(
      new Demo("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Dispendukcapil",
          Set.of("citizen:read", "citizen:write", "service-request:write", "registration:write"), 120_000),
      new Demo("diskominfo", "Dinas Komunikasi dan Informatika", "Diskominfo",
          Set.of("content:write", "content:publish", "engagement:write", "registration:write"), 6000),
      new Demo("portal", "Portal web Pemkab Jember", "Diskominfo",
          Set.of("service-request:write", "registration:write", "engagement:write"), 60000),
      new Demo("analyst", "Analis data Bappeda", "Bappeda", Set.of("analytics:read"), 1200),
      new Demo("admin", "Platform operators", "Diskominfo", ClientAdminController.SCOPES, 60_000));

  private static final Logger log = LoggerFactory.getLogger(DemoClients.class);

  private final ClientRegistry registry;
  private final GatewayProperties properties;

  DemoClients(ClientRegistry registry, GatewayProperties properties) {
    this.registry = registry;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerOnFirstStart() {
    Path dir = properties.demoClients();
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      List<String> issued = new ArrayList<>();
      for (Demo demo : CLIENTS) {
        Path file = dir.resolve(demo.id() + ".key");
        String kept = Files.exists(file) ? Files.readString(file).strip() : null;
        if (kept != null && registry.authenticateKey(kept).isPresent()) {
          continue;
        }
        if (registry.find(demo.id()).filter(client -> !client.active()).isPresent()) {
          // suspended by an administrator, which is why its key does not open the door: a fresh key would end the
          // keys it holds, for nothing
          continue;
        }
        // first start, or the key file and the registry parted (state folder reset, another store):
        // the file is the demo client's only copy of its key, so issue one that works
        ClientRegistry.IssuedKey key = registry.find(demo.id()).isEmpty()
            ? registry.register(demo.id(), demo.name(), demo.opd(), demo.scopes(), demo.quotaPerMinute())
            : registry.rotate(demo.id(), Duration.ZERO);
        Files.writeString(file, key.apiKey() + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own permissions apply
        }
        issued.add(demo.id());
      }
      if (!issued.isEmpty()) {
        log.info("demo clients {}: keys issued into {} (./platform key CLIENT)", issued, dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo clients' keys to " + dir, e);
    }
  }

  record Demo(String id, String name, String opd, Set<String> scopes, int quotaPerMinute) {
  }
}
