package dev.studiolifecycle.local.permissions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One authorization IAM makes: an action on a resource, with the condition keys the request
 * carries. An API call may need several (CreateRole with Tags also needs iam:TagRole).
 *
 * @param because why the call needs this action: the API operation itself, or the implied
 *     permission and what implies it
 * @param context condition keys (e.g. {@code iam:PermissionsBoundary}) and their values
 */
public record IamRequest(
    String action, String resource, Map<String, List<String>> context, String because) {

  public IamRequest {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    context.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    context = Collections.unmodifiableMap(copy);
  }

  /**
   * This authorization with the keys of the caller's session added ({@code aws:PrincipalTag/...},
   * Studio's {@code sagemaker:DomainId}); a key the request itself carries keeps its value.
   */
  public IamRequest withSession(Map<String, List<String>> session) {
    Map<String, List<String>> merged = new LinkedHashMap<>(session);
    merged.putAll(context);
    return new IamRequest(action, resource, merged, because);
  }

  @Override
  public String toString() {
    return action
        + " on "
        + resource
        + (context.isEmpty() ? "" : " with " + context)
        + " ("
        + because
        + ")";
  }
}
