package id.go.jemberkab.platform.gateway.routing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.netty.NettyPipeline;

/**
 * Cuts off a service's answer whose body stops arriving ({@code platform.gateway.response-idle-timeout}, 30 s).
 * The time limiter ({@link ServiceGuardGatewayFilterFactory}) bounds a call until the service's response headers;
 * after them the body streams on to the caller, and a service that sends its headers and then stalls would hold
 * the caller, and one of the service's pooled connections, until the caller gave up. Here, once a response's
 * headers have come, a read asked of the connection that brings nothing for the idle time closes it: the caller
 * gets a cut-off answer (no final chunk, or fewer bytes than its {@code Content-Length}), which no client mistakes
 * for a whole one, and the failure is counted as the service's timeout.
 *
 * <p>Only a read the gateway asked for counts: while the caller reads slowly, the gateway stops reading from the
 * service (back-pressure), and that quiet is the caller's, not the service's. A stream that is quiet by design
 * ({@code text/event-stream}, the analytics views' live updates) is left alone.
 *
 * <p>One handler per connection to a service, kept for the connection's life: a response that arrives in one read,
 * as nearly all do, costs a clock read and no timer; a streamed one, a timer per idle period.
 */
public final class StalledResponses extends ChannelDuplexHandler {

  static final String NAME = "platform.stalledResponses";

  /** Raised on the connection, and so on the response body's stream, when the body stalled. */
  public static final class Stalled extends TimeoutException {
    Stalled(Duration idle) {
      super("the service sent no part of its answer's body for " + idle.toMillis() + " ms");
    }
  }

  private final Duration idle;
  private final long idleNanos;
  /** Between a response's headers and its end, in a body that may stall. */
  private boolean inBody;
  /** A read was asked of the connection, and nothing has come since {@link #quietSince}. */
  private boolean waiting;
  private long quietSince;
  private ScheduledFuture<?> check;

  private StalledResponses(Duration idle) {
    this.idle = idle;
    this.idleNanos = idle.toNanos();
  }

  /** Puts the handler behind the HTTP/1.1 codec of a new connection to a service. */
  static void install(Channel channel, Duration idle) {
    if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
      throw new IllegalStateException("no HTTP codec on a connection to a service: its answers could stall unseen");
    }
    channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new StalledResponses(idle));
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    if (!waiting) {
      waiting = true;
      quietSince = System.nanoTime();
    }
    if (inBody && check == null) {
      check = ctx.executor().schedule(() -> check(ctx), idleNanos, TimeUnit.NANOSECONDS);
    }
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    waiting = false;
    if (msg instanceof HttpResponse response) {
      inBody = !eventStream(response.headers().get(HttpHeaderNames.CONTENT_TYPE));
    }
    if (msg instanceof LastHttpContent) {
      inBody = false;
    }
    ctx.fireChannelRead(msg);
  }

  private void check(ChannelHandlerContext ctx) {
    check = null;
    if (!inBody || !waiting || !ctx.channel().isActive()) {
      // done, or held back by the caller: the next read asked for starts the clock again
      return;
    }
    long quiet = System.nanoTime() - quietSince;
    if (quiet < idleNanos) {
      check = ctx.executor().schedule(() -> check(ctx), idleNanos - quiet, TimeUnit.NANOSECONDS);
      return;
    }
    inBody = false;
    ctx.fireExceptionCaught(new Stalled(idle));
    ctx.close();
  }

  static boolean eventStream(String contentType) {
    return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
    inBody = false;
    ctx.fireChannelInactive();
  }
}
