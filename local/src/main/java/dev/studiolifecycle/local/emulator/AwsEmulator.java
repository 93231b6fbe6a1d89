package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.studiolifecycle.local.emulator.dynamodb.DynamoDbService;
import dev.studiolifecycle.local.emulator.fault.FaultInjector;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityCenter;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityStoreService;
import dev.studiolifecycle.local.emulator.identitycenter.SsoAdminService;
import dev.studiolifecycle.local.emulator.s3.S3Service;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.emulator.sns.SnsService;
import dev.studiolifecycle.local.emulator.ssm.SsmService;
import dev.studiolifecycle.local.emulator.sts.StsService;
import dev.studiolifecycle.local.time.SimulationClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded AWS emulator: SageMaker, IAM, IAM Identity Center (identity store and application
 * assignments), SNS, SSM, S3, DynamoDB and STS (and Step Functions once plugged in) on one loopback
 * port, over the real wire protocols, in simulation time. Use it in-process with a virtual clock
 * (tests advance it) or standalone with a scaled clock.
 *
 * <pre>{@code
 * try (AwsEmulator emulator = AwsEmulator.builder().build().start()) {
 *   URI endpoint = emulator.endpoint();
 *   emulator.virtualClock().advance(Duration.ofMinutes(3));
 * }
 * }</pre>
 */
public final class AwsEmulator implements AutoCloseable {

  static {
    // The JDK server writes a response's headers and body separately: without TCP_NODELAY,
    // Nagle's algorithm and the client's delayed ACK add ~40 ms to every keep-alive call. Read
    // once, when the JDK server is first used, so it is set before any server exists.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // A client that has not sent its whole request in a minute is dropped, so a stalled client
    // cannot hold a thread for ever.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "60");
    }
  }

  private final SimulationClock clock;
  private final int requestedPort;
  private final InetAddress host;
  private final int threads;
  private final RequestLog requestLog;
  private final ScheduledActions scheduledActions = new ScheduledActions();
  private final FaultInjector faults;
  private final IamService iam;
  private final IdentityCenter identityCenter;
  private final SageMakerService sageMaker;
  private final SnsService sns;
  private final SsmService ssm;
  private final S3Service s3;
  private final DynamoDbService dynamoDb;
  private final StsService sts;
  private final RequestDispatcher dispatcher;
  private final IdSource ids;
  private final SageMakerTimings sageMakerTimings;

  /**
   * The regional services of each Region a client named other than the emulator's own, by Region
   * then signing name: made empty on first use, as AWS is in a Region where nothing was created.
   */
  private final Map<String, Map<String, EmulatedService>> otherRegions = new ConcurrentHashMap<>();

  private HttpServer server;
  private ExecutorService executor;

  private AwsEmulator(Builder builder) {
    this.clock = builder.clock;
    this.requestedPort = builder.port;
    this.host = builder.host;
    this.threads = builder.threads;
    this.requestLog = new RequestLog(builder.requestLogLimit);
    this.ids = new IdSource(builder.randomSeed);
    this.sageMakerTimings = builder.sageMakerTimings;
    this.faults = new FaultInjector(clock, builder.randomSeed);
    this.iam = new IamService(clock, ids);
    this.identityCenter = new IdentityCenter(ids);
    this.sageMaker =
        new SageMakerService(clock, ids, builder.sageMakerTimings, iam, identityCenter);
    this.sns = new SnsService(clock, ids, this::authorizer);
    this.ssm = new SsmService();
    this.s3 = new S3Service(clock, this::authorizer);
    this.dynamoDb = new DynamoDbService();
    this.sts = new StsService();
    this.dispatcher = new RequestDispatcher(clock, ids, faults, requestLog, scheduledActions);
    dispatcher.register(sageMaker);
    dispatcher.register(iam);
    dispatcher.register(new IdentityStoreService(identityCenter));
    dispatcher.register(new SsoAdminService(identityCenter));
    dispatcher.register(sns);
    dispatcher.register(ssm);
    dispatcher.register(s3);
    dispatcher.register(dynamoDb);
    dispatcher.register(sts);
    dispatcher.register(UnimplementedService.stepFunctions());
    dispatcher.otherRegions(
        (signingName, region) ->
            Optional.ofNullable(
                otherRegions.computeIfAbsent(region, this::regionalServices).get(signingName)));
  }

  /**
   * Another Region's SageMaker, Identity Center, SNS, SSM and DynamoDB, sharing IAM (global) with
   * every Region; Step Functions, where the template's state machines run, is served in the
   * emulator's own Region only.
   */
  private Map<String, EmulatedService> regionalServices(String region) {
    IdentityCenter center = new IdentityCenter(ids);
    List<EmulatedService> services =
        List.of(
            new SageMakerService(clock, ids, sageMakerTimings, iam, center),
            new IdentityStoreService(center),
            new SsoAdminService(center),
            new SnsService(clock, ids, this::authorizer),
            new SsmService(),
            new DynamoDbService());
    Map<String, EmulatedService> bySigningName = new HashMap<>();
    services.forEach(service -> bySigningName.put(service.signingName(), service));
    return Map.copyOf(bySigningName);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds 127.0.0.1 and starts serving; returns this emulator. */
  public synchronized AwsEmulator start() {
    if (server != null) {
      throw new IllegalStateException("the emulator is already started");
    }
    try {
      HttpServer created = HttpServer.create(new InetSocketAddress(host, requestedPort), 64);
      // A thread per request in flight, so that clients that send slowly never hold up the
      // others; idle threads go after a minute.
      executor =
          new ThreadPoolExecutor(
              threads,
              Integer.MAX_VALUE,
              60,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              new DaemonThreads());
      created.setExecutor(executor);
      created.createContext("/", dispatcher);
      created.start();
      server = created;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the emulator to " + host.getHostAddress() + ":" + requestedPort, e);
    }
  }

  /**
   * {@code http://127.0.0.1:<port>}: what SDKs and the AWS CLI on this machine use as endpoint URL
   * (also when the emulator listens on every address, for containers).
   */
  public synchronized URI endpoint() {
    if (server == null) {
      throw new IllegalStateException("the emulator is not started");
    }
    String address = host.isAnyLocalAddress() ? "127.0.0.1" : host.getHostAddress();
    if (address.contains(":")) {
      address = "[" + address + "]";
    }
    return URI.create("http://" + address + ":" + server.getAddress().getPort());
  }

  /** The address the emulator listens on: 127.0.0.1 unless built with another {@code host}. */
  public InetAddress host() {
    return host;
  }

  public synchronized int port() {
    return endpoint().getPort();
  }

  /**
   * Evaluates every call before it runs, as IAM would (see {@link CallAuthorizer}); {@link
   * CallAuthorizer#ALLOW_ALL} until set.
   */
  public void authorizer(CallAuthorizer value) {
    dispatcher.authorizer(Objects.requireNonNull(value, "authorizer"));
  }

  public CallAuthorizer authorizer() {
    return dispatcher.authorizer();
  }

  /**
   * Makes a SageMaker call as a Studio user would, at time {@code at} (a scenario timeline's
   * action): evaluated by the {@link #authorizer} as the user's call, then run with the service's
   * rules but without faults or a request log entry, since it is not the workflow's call.
   *
   * @throws AwsServiceError when IAM or SageMaker refuses it
   */
  public void performAsUser(StudioUserCaller user, String operation, JsonNode input, Instant at) {
    ServiceRequest request =
        new ServiceRequest(
            sageMaker.signingName(),
            operation,
            input,
            "user-" + operation,
            at,
            user == null ? null : user.header());
    Optional<String> denial =
        authorizer().denial(sageMaker, request, sageMaker.iamAction(operation));
    if (denial.isPresent()) {
      throw sageMaker.accessDenied(denial.get());
    }
    sageMaker.perform(operation, input, at);
  }

  /** Registers (or replaces) a service under its signing name, e.g. Step Functions. */
  public void register(EmulatedService service) {
    dispatcher.register(Objects.requireNonNull(service, "service"));
  }

  /** The service registered under a signing name ({@code sagemaker}, {@code states}, ...). */
  public Optional<EmulatedService> service(String signingName) {
    return dispatcher.service(signingName);
  }

  /** The signing names of the services served. */
  public List<String> serviceNames() {
    return dispatcher.serviceNames();
  }

  public SimulationClock clock() {
    return clock;
  }

  /** The virtual clock to advance; fails when the emulator runs on a scaled real-time clock. */
  public VirtualClock virtualClock() {
    if (clock instanceof VirtualClock virtual) {
      return virtual;
    }
    throw new IllegalStateException("this emulator runs in scaled real time, not virtual time");
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  public FaultInjector faults() {
    return faults;
  }

  /**
   * Actions at chosen simulation times (a user deleting an app, ...), performed before the first
   * request served at or after their time.
   */
  public ScheduledActions scheduledActions() {
    return scheduledActions;
  }

  public SageMakerService sageMaker() {
    return sageMaker;
  }

  public IamService iam() {
    return iam;
  }

  public IdentityCenter identityCenter() {
    return identityCenter;
  }

  public SsmService ssm() {
    return ssm;
  }

  public S3Service s3() {
    return s3;
  }

  public DynamoDbService dynamoDb() {
    return dynamoDb;
  }

  public SnsService sns() {
    return sns;
  }

  public StsService sts() {
    return sts;
  }

  /** Stops serving; calls in flight get no answer. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("127.0.0.1 is always a valid address", e);
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "aws-emulator-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /** Settings of an emulator; every one has a default fit for tests. */
  public static final class Builder {
    private SimulationClock clock = new VirtualClock();
    private int port;
    private InetAddress host = loopback();
    private int threads = 8;
    private long randomSeed = 20260105L;
    private SageMakerTimings sageMakerTimings = SageMakerTimings.defaults();
    private int requestLogLimit = RequestLog.DEFAULT_LIMIT;

    private Builder() {}

    /** How many calls the request log keeps; older ones are dropped and counted. */
    public Builder requestLogLimit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("requestLogLimit must be at least 1, got " + value);
      }
      this.requestLogLimit = value;
      return this;
    }

    /** The simulation clock; a fresh {@link VirtualClock} unless set. */
    public Builder clock(SimulationClock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The address to listen on: {@code 127.0.0.1} by default; {@code 0.0.0.0} lets containers (sam
     * local, a LocalStack-style setup) reach it. Refused unless it is an address of this machine's
     * own or the any-address.
     */
    public Builder host(String value) {
      try {
        InetAddress address = InetAddress.getByName(value);
        if (!address.isAnyLocalAddress()
            && !address.isLoopbackAddress()
            && java.net.NetworkInterface.getByInetAddress(address) == null) {
          throw new IllegalArgumentException(
              "host " + value + " is not an address of this machine");
        }
        this.host = address;
        return this;
      } catch (IOException e) {
        throw new IllegalArgumentException("host " + value + " is not an address: " + e, e);
      }
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Threads kept ready to serve requests (calls may nest, e.g. a workflow calling SageMaker);
     * more are started while more requests are in flight.
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + value);
      }
      this.threads = value;
      return this;
    }

    /** Seeds the generated ids and the probabilistic faults, so that runs repeat. */
    public Builder randomSeed(long value) {
      this.randomSeed = value;
      return this;
    }

    public Builder sageMakerTimings(SageMakerTimings value) {
      this.sageMakerTimings = Objects.requireNonNull(value, "sageMakerTimings");
      return this;
    }

    public AwsEmulator build() {
      return new AwsEmulator(this);
    }
  }
}
