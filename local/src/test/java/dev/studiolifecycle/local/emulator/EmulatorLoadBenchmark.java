package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the emulator the way a fleet run does, with clients that stall mid-request beside it, and
 * prints throughput, errors, heap and what the request log kept. Run by hand, never by the build:
 *
 * <pre>
 * mvn -B -q verify -DskipTests
 * java -Xmx1g -cp local/target/test-classes:local/target/studio-lifecycle-local.jar \
 *   dev.studiolifecycle.local.emulator.EmulatorLoadBenchmark [threads] [callsPerThread] [stalled]
 * </pre>
 *
 * Defaults: 16 threads of 2,000 calls each (one CreateUserProfile for every four
 * DescribeUserProfile and ListUserProfiles calls), 8 stalled clients, the standalone emulator's
 * request log limit of 10,000 calls.
 */
public final class EmulatorLoadBenchmark {

  private static final String DOMAIN = "d-loadbench001";

  private EmulatorLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int callsPerThread = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int stalledClients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    long heapBefore = usedHeapAfterGc();
    try (AwsEmulator emulator = AwsEmulator.builder().requestLogLimit(10_000).build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "load"));
      List<Socket> stalled = stall(emulator, stalledClients);
      AtomicInteger errors = new AtomicInteger();
      AtomicInteger created = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < callsPerThread; i++) {
                    String name = "u-" + thread + "-" + (i / 5);
                    try {
                      switch (i % 5) {
                        case 0 -> {
                          clients.sageMaker.createUserProfile(
                              r -> r.domainId(DOMAIN).userProfileName(name));
                          created.incrementAndGet();
                        }
                        case 1, 2 ->
                            clients.sageMaker.describeUserProfile(
                                r -> r.domainId(DOMAIN).userProfileName(name));
                        default ->
                            clients.sageMaker.listUserProfiles(
                                r -> r.domainIdEquals(DOMAIN).maxResults(10));
                      }
                    } catch (RuntimeException e) {
                      errors.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> future : work) {
        future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      int calls = threads * callsPerThread;
      print(
          "calls", calls + " from " + threads + " threads, " + stalledClients + " clients stalled");
      print("errors", Integer.toString(errors.get()));
      print("profiles created", Integer.toString(created.get()));
      print("throughput", String.format(Locale.ROOT, "%.0f calls/s", calls / seconds));
      print(
          "request log",
          emulator.requestLog().size() + " kept, " + emulator.requestLog().dropped() + " dropped");
      print(
          "heap used after GC",
          mib(heapBefore) + " MiB before, " + mib(usedHeapAfterGc()) + " MiB after");
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  /** Clients that send headers promising a body, then nothing. */
  private static List<Socket> stall(AwsEmulator emulator, int count) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket("127.0.0.1", emulator.port());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\nAuthorization: "
                  + "AWS4-HMAC-SHA256 Credential=AKID/20260105/us-east-1/sts/aws4_request, "
                  + "SignedHeaders=host, Signature=0\r\n\r\nAction=")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      sockets.add(socket);
    }
    return sockets;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }

  private static void print(String what, String value) {
    System.out.printf(Locale.ROOT, "%-20s %s%n", what, value);
  }
}
