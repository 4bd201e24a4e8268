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

  private Server(LocalTaskService service, HttpServer http, DataDirectory dir, String url) {
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
    LocalTaskService service = new LocalTaskService(store, Clock.systemUTC());
    Caller operator = Caller.human(config.user(), OriginKind.HTTP);
    Authenticator authenticator = auth == AuthMode.NONE
        ? token -> Optional.of(operator)
        : token -> token != null && constantTimeEquals(token, operatorToken) ? Optional.of(operator) : Optional.empty();
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
    return new Server(service, http, dir, url);
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
