package dev.studiolifecycle.local.emulator.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP/1.1 client that sends every request to 127.0.0.1 whatever host its URL names, keeping
 * that name in the Host header: what a wildcard DNS name for a local endpoint ({@code *.localhost})
 * does, which this machine's resolver does not. Lets a test see the SDK's virtual-hosted addressing
 * ({@code http://bucket.localhost:port/key}) reach the emulator.
 */
final class WildcardDnsHttpClient implements SdkHttpClient {

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return send(request);
      }

      @Override
      public void abort() {}
    };
  }

  private static HttpExecuteResponse send(HttpExecuteRequest request) throws IOException {
    SdkHttpRequest http = request.httpRequest();
    byte[] body = new byte[0];
    if (request.contentStreamProvider().isPresent()) {
      try (InputStream in = request.contentStreamProvider().get().newStream()) {
        body = in.readAllBytes();
      }
    }
    try (Socket socket = new Socket("127.0.0.1", http.port())) {
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      String path = http.encodedPath().isEmpty() ? "/" : http.encodedPath();
      String query = http.encodedQueryParameters().map(q -> "?" + q).orElse("");
      head.append(http.method().name())
          .append(' ')
          .append(path)
          .append(query)
          .append(" HTTP/1.1\r\n");
      head.append("Host: ").append(http.host()).append(':').append(http.port()).append("\r\n");
      for (Map.Entry<String, List<String>> header : http.headers().entrySet()) {
        if (!header.getKey().equalsIgnoreCase("Host")
            && !header.getKey().equalsIgnoreCase("Content-Length")) {
          head.append(header.getKey()).append(": ").append(header.getValue().get(0)).append("\r\n");
        }
      }
      head.append("Content-Length: ").append(body.length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return read(socket.getInputStream(), http.method().name().equals("HEAD"));
    }
  }

  private static HttpExecuteResponse read(InputStream in, boolean head) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    SdkHttpResponse.Builder response =
        SdkHttpResponse.builder().statusCode(Integer.parseInt(lines[0].split(" ")[1]));
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      response.appendHeader(
          lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(all, end + 4, all.length);
    return HttpExecuteResponse.builder()
        .response(response.build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  @Override
  public String clientName() {
    return "wildcard-dns-test";
  }

  @Override
  public void close() {}
}
