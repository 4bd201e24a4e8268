package dev.agh.app;

import dev.agh.domain.AghException;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** {@code agh serve}: the store, the service and the HTTP server, wired and published. */
public final class Server implements AutoCloseable {
  /** How callers prove who they are. */
  public enum AuthMode {
    TOKEN,
    NONE
  }

  private final LocalTaskService service;
  private final HttpServer http;
  private final DataDirectory dir;
  private final String url;

  private final LeaseSweep sweep;

  private Server(LocalTaskService service, HttpServer http, DataDirectory dir, String url, LeaseSweep sweep) {
    this.sweep = sweep;
    this.service = service;
    this.http = http;
    this.dir = dir;
    this.url = url;
  }

  public static Server start(AppConfig config, String bind, int port, AuthMode auth) {
    if (auth == AuthMode.NONE && !isLoopback(bind)) {
      throw AghException.invalid("--auth none is only allowed on a loopback address, not " + bind);
    }
    DataDirectory dir = new DataDirectory(config.home());
    dir.ensureExists();
    String operatorToken = dir.operatorToken();
    JdbiTaskStore store = JdbiTaskStore.open(config.effectiveDbUrl(), 10);
    if (config.dbUrl() == null) {
      dir.restrictStoreFiles();
    }
    LocalTaskService service = new LocalTaskService(store, Clock.systemUTC());
    Caller operator = Caller.human(config.user(), OriginKind.HTTP);
    // Session tokens work in both modes: agents must be told apart even when people need no token.
    Authenticator authenticator = token -> {
      if (token != null && constantTimeEquals(token, operatorToken)) {
        return Optional.of(operator);
      }
      Optional<Caller> session = token == null ? Optional.empty() : service.authenticateSession(token, OriginKind.HTTP);
      return session.isPresent() || auth == AuthMode.TOKEN ? session : Optional.of(operator);
    };
    HttpServer http;
    try {
      http = HttpServer.start(service, authenticator, bind, port);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    String url = "http://" + ("0.0.0.0".equals(bind) ? "127.0.0.1" : host) + ":" + http.port();
    dir.publishServer(url);
    return new Server(service, http, dir, url, LeaseSweep.every(service, java.time.Duration.ofSeconds(1)));
  }

  public String url() {
    return url;
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    dir.unpublishServer(url);
    sweep.close();
    http.close();
    service.close();
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
