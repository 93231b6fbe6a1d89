package dev.studiolifecycle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.mockito.Mockito;
import org.mockito.invocation.Invocation;

/** Checks on the calls a mocked SDK client received. */
public final class SageMakerCalls {

  private SageMakerCalls() {}

  /** Asserts that every call made on {@code client} only read (Describe/List/Get). */
  public static void assertOnlyReads(Object client) {
    for (Invocation call : Mockito.mockingDetails(client).getInvocations()) {
      assertThat(call.getMethod().getName())
          .as("call on %s", client)
          .matches("(describe|list|get).*");
    }
  }
}
