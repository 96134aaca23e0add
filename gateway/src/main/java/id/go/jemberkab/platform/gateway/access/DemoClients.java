package id.go.jemberkab.platform.gateway.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default's first start: registers the demo clients with fitting scopes and writes each one's
 * API key to {@code platform.gateway.demo-clients} (owner-only files), where {@code ./platform key CLIENT}
 * finds it. Only when that directory is configured and the registry is empty.
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
    if (dir == null || !registry.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir);
      for (Demo demo : CLIENTS) {
        ClientRegistry.IssuedKey issued = registry.register(demo.id(), demo.name(), demo.opd(), demo.scopes(),
            demo.quotaPerMinute());
        Path file = dir.resolve(demo.id() + ".key");
        Files.writeString(file, issued.apiKey() + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own permissions apply
        }
      }
      log.info("demo clients {} registered; their keys are in {} (./platform key CLIENT)",
          CLIENTS.stream().map(Demo::id).toList(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo clients' keys to " + dir, e);
    }
  }

  record Demo(String id, String name, String opd, Set<String> scopes, int quotaPerMinute) {
  }
}
