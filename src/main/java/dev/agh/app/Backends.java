package dev.agh.app;

import dev.agh.client.HttpTaskService;
import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses where a command runs: an explicit {@code --server}; else a server running on this data
 * directory (it published its URL there); else the store itself, opened in this process.
 */
public final class Backends {
  private Backends() {}

  public static Backend open(AppConfig config) {
    DataDirectory dir = new DataDirectory(config.home());
    if (config.embedded()) {
      if (config.serverUrl() != null) {
        throw AghException.invalid("--embedded runs in this process; it cannot be combined with --server");
      }
      return local(config, dir);
    }
    if (config.serverUrl() != null) {
      return remote(config, dir, config.serverUrl());
    }
    if (config.dbUrl() == null) {
      String published = dir.publishedServer();
      if (published != null && reachable(published)) {
        return remote(config, dir, published);
      }
    }
    return local(config, dir);
  }

  private static Backend remote(AppConfig config, DataDirectory dir, String url) {
    URI uri;
    try {
      uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException e) {
      throw AghException.invalid("--server must be a URL like http://127.0.0.1:7433, got \"" + url + "\"");
    }
    String token = config.token() != null ? config.token() : dir.existingOperatorToken();
    if (config.sessionId() != null) {
      // --session with the operator's token (or the session's own): the server acts as that session.
      Caller session = new Caller(Actor.agentSession(config.sessionId()), OriginKind.HTTP, config.sessionId());
      return new Backend(HttpTaskService.actingAs(uri, token, config.sessionId()), session, "server " + uri);
    }
    Caller caller = Caller.human(config.user(), OriginKind.HTTP);
    return new Backend(new HttpTaskService(uri, token), caller, "server " + uri);
  }

  private static Backend local(AppConfig config, DataDirectory dir) {
    if (config.dbUrl() == null) {
      dir.ensureExists();
    }
    JdbiTaskStore store = JdbiTaskStore.open(config.effectiveDbUrl(), 2);
    if (config.dbUrl() == null) {
      dir.restrictStoreFiles();
    }
    // Local file access is the trust boundary: --session acts as that agent session directly.
    Caller caller = config.sessionId() != null
        ? new Caller(Actor.agentSession(config.sessionId()), OriginKind.CLI, config.sessionId())
        : Caller.human(config.user(), OriginKind.CLI);
    return new Backend(new LocalTaskService(store, Clock.systemUTC()), caller, "embedded " + store.engine());
  }

  /**
   * {@code operator}'s backend acting as the agent session {@code sessionId}: locally by its id (the same
   * service: do not close it separately), remotely by its token (a client of its own).
   */
  public static Backend asSession(Backend operator, String sessionId, String token) {
    if (operator.service() instanceof HttpTaskService http) {
      return new Backend(http.withToken(token), new Caller(Actor.agentSession(sessionId), OriginKind.HTTP, sessionId),
          operator.where());
    }
    return new Backend(operator.service(), new Caller(Actor.agentSession(sessionId), OriginKind.CLI, sessionId),
        operator.where());
  }

  /**
   * The environment that lets a child process call {@code agh} as the agent session: the same server and the
   * session's token, or the same data directory (and database) with the session's id.
   */
  public static Map<String, String> environmentFor(AppConfig config, Backend agent, String token) {
    Map<String, String> env = new HashMap<>();
    env.put("AGH_SESSION_ID", agent.caller().sessionId());
    if (agent.service() instanceof HttpTaskService http) {
      env.put("AGH_SERVER", http.server().toString());
      if (token != null) {
        env.put("AGH_TOKEN", token);
      }
    } else {
      env.put("AGH_HOME", config.home().toString());
      if (config.dbUrl() != null) {
        env.put("AGH_DB", config.dbUrl());
      }
    }
    return env;
  }

  /** A quick TCP probe, so a server file left by a killed server does not stall every command. */
  public static boolean reachable(String url) {
    try {
      URI uri = URI.create(url);
      int port = uri.getPort() == -1 ? 80 : uri.getPort();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(uri.getHost(), port), 300);
        return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

}
