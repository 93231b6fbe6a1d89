package dev.studiolifecycle.local.asl.engine;

import dev.studiolifecycle.local.asl.StatesError;
import java.util.List;

/**
 * Whether a retrier's or catcher's ErrorEquals matches an error, following the Step Functions
 * developer guide: States.ALL matches any error name except the terminal States.Runtime and
 * States.DataLimitExceeded; States.TaskFailed matches any error except States.Timeout (and those
 * two terminal ones); other names match themselves. States.Runtime is never retried or caught, even
 * when named; States.DataLimitExceeded only when named.
 */
final class ErrorMatcher {

  private ErrorMatcher() {}

  static boolean matches(List<String> errorEquals, String error) {
    if (StatesError.RUNTIME.equals(error)) {
      return false;
    }
    boolean terminal = StatesError.DATA_LIMIT_EXCEEDED.equals(error);
    for (String name : errorEquals) {
      if (name.equals(StatesError.ALL)) {
        if (!terminal) {
          return true;
        }
      } else if (name.equals(StatesError.TASK_FAILED)) {
        if (!terminal && !StatesError.TIMEOUT.equals(error)) {
          return true;
        }
      } else if (name.equals(error)) {
        return true;
      }
    }
    return false;
  }
}
