package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void keepsCallsInOrderAndAnswersWhichMutated() {
    RequestLog log = new RequestLog();
    log.record(
        sequence ->
            new RecordedCall(
                sequence,
                T0,
                "sagemaker",
                "DescribeUserProfile",
                "sagemaker:DescribeUserProfile",
                false,
                JsonNodeFactory.instance.objectNode(),
                200,
                null,
                null,
                "r1"));
    log.record(
        sequence ->
            new RecordedCall(
                sequence,
                T0,
                "sagemaker",
                "DeleteApp",
                "sagemaker:DeleteApp",
                true,
                JsonNodeFactory.instance.objectNode(),
                400,
                "ResourceInUse",
                "DeleteUserResourcesFunction",
                "r2"));

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.mutatingCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.operation()).isEqualTo("DeleteApp");
              assertThat(call.succeeded()).isFalse();
              assertThat(call.error()).contains("ResourceInUse");
              assertThat(call.callerName()).contains("DeleteUserResourcesFunction");
            });
    assertThat(log.calls("sagemaker", "DescribeUserProfile")).hasSize(1);
    assertThat(log.iamActions())
        .containsExactly("sagemaker:DeleteApp", "sagemaker:DescribeUserProfile");
  }

  @Test
  void keepsTheNewestCallsUpToItsLimitAndCountsTheDropped() {
    RequestLog log = new RequestLog(3);
    for (int i = 1; i <= 5; i++) {
      recordGetCallerIdentity(log, "r" + i);
    }

    assertThat(log.size()).isEqualTo(3);
    assertThat(log.dropped()).isEqualTo(2);
    assertThat(log.calls()).extracting(RecordedCall::requestId).containsExactly("r3", "r4", "r5");
    assertThat(log.calls()).extracting(RecordedCall::sequence).containsExactly(3L, 4L, 5L);
  }

  @Test
  void sequenceNumbersKeepGrowingAfterAClear() {
    RequestLog log = new RequestLog();
    recordGetCallerIdentity(log, "r1");
    log.clear();
    RecordedCall next = recordGetCallerIdentity(log, "r2");

    assertThat(log.calls()).containsExactly(next);
    assertThat(next.sequence()).isEqualTo(2);
  }

  private static RecordedCall recordGetCallerIdentity(RequestLog log, String requestId) {
    return log.record(
        sequence ->
            new RecordedCall(
                sequence,
                T0,
                "sts",
                "GetCallerIdentity",
                "sts:GetCallerIdentity",
                false,
                JsonNodeFactory.instance.objectNode(),
                200,
                null,
                null,
                requestId));
  }
}
