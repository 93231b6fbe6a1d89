package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** The SageMaker API model's constraints on the members the emulator reads. */
final class SageMakerConstraints {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  static final Pattern DOMAIN_ID = Pattern.compile("d-(-*[a-z0-9]){1,61}");
  static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
  static final Pattern SUBNET_ID = Pattern.compile("[-0-9a-zA-Z]+");
  static final Pattern RESOURCE_ARN =
      Pattern.compile("arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+");
  static final Pattern TAG_TEXT = Pattern.compile("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)");
  static final Pattern NEXT_TOKEN = Pattern.compile(".*");
  static final Pattern SSO_IDENTIFIER = Pattern.compile("UserName");
  static final Pattern DISPLAY_NAME = Pattern.compile("(?!\\s*$).+");

  static final int NAME_MAX = 63;
  static final int MAX_TAGS = 50;

  static final List<String> APP_TYPES =
      List.of(
          "JupyterServer",
          "KernelGateway",
          "DetailedProfiler",
          "TensorBoard",
          "CodeEditor",
          "JupyterLab",
          "RStudioServerPro",
          "RSessionGateway",
          "Canvas");
  static final List<String> AUTH_MODES = List.of("SSO", "IAM");
  static final List<String> SORT_ORDERS = List.of("Ascending", "Descending");
  static final List<String> SHARING_TYPES = List.of("Private", "Shared");
  static final List<String> FEATURE_STATUS = List.of("ENABLED", "DISABLED");
  static final Set<String> INSTANCE_TYPES = loadInstanceTypes();

  private SageMakerConstraints() {}

  /** The DomainId member, checked against the model's pattern and length. */
  static String requiredDomainId(JsonInput input) {
    return input.requiredString("DomainId", DOMAIN_ID, NAME_MAX);
  }

  /** A member holding a domain id (a filter such as DomainIdEquals), or null when absent. */
  static String optionalDomainId(JsonInput input, String member) {
    return input.optionalString(member, DOMAIN_ID, NAME_MAX);
  }

  /** A member holding a resource name (user profile, space, app, domain name). */
  static String requiredName(JsonInput input, String member) {
    return input.requiredString(member, NAME, NAME_MAX);
  }

  /**
   * The resource that a call naming only {@code DomainId} and {@code nameMember} (a Describe or
   * Delete) names, looked up once both members are valid.
   */
  static <T> T named(
      ServiceRequest request, String nameMember, BiFunction<String, String, T> lookup) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = requiredDomainId(input);
    String name = requiredName(input, nameMember);
    input.throwIfInvalid();
    return lookup.apply(domainId, name);
  }

  /** A member holding a resource name, or null when absent. */
  static String optionalName(JsonInput input, String member) {
    return input.optionalString(member, NAME, NAME_MAX);
  }

  /**
   * The rules between members that the model cannot hold. The API reference gives each member's
   * meaning (IdleSettings: the idle time, and the minimum and maximum a user may set it to;
   * DefaultEbsStorageSettings: the default size of a space's volume and its maximum) but not what
   * SageMaker answers when they disagree: the stricter reading refuses it. Run by {@link
   * SageMakerService#SHAPES} on every structure of a request.
   */
  static void betweenMembers(
      String shapeName, JsonNode value, String path, ConstraintViolations v) {
    switch (shapeName) {
      case "IdleSettings" -> {
        notAbove(value, "MinIdleTimeoutInMinutes", "IdleTimeoutInMinutes", path, v);
        notAbove(value, "IdleTimeoutInMinutes", "MaxIdleTimeoutInMinutes", path, v);
        notAbove(value, "MinIdleTimeoutInMinutes", "MaxIdleTimeoutInMinutes", path, v);
      }
      case "DefaultEbsStorageSettings" ->
          notAbove(value, "DefaultEbsVolumeSizeInGb", "MaximumEbsVolumeSizeInGb", path, v);
      default -> {}
    }
  }

  private static void notAbove(
      JsonNode value, String lower, String upper, String path, ConstraintViolations v) {
    JsonNode low = value.get(lower);
    JsonNode high = value.get(upper);
    if (low != null && high != null && low.asLong() > high.asLong()) {
      v.add(
          "Value at '"
              + path
              + "' failed to satisfy constraint: "
              + lower
              + " must not be above "
              + upper);
    }
  }

  /** Reads a TagList ({@code [{"Key": .., "Value": ..}]}), checking the model's rules. */
  static Map<String, String> readTags(JsonInput input, String member) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonInput tag : input.optionalObjectList(member, MAX_TAGS)) {
      String key = tag.requiredString("Key", TAG_TEXT, 128);
      String value = tag.requiredString("Value", TAG_TEXT, 256);
      if (key != null && key.isEmpty()) {
        tag.violation("Key", key, "Member must have length greater than or equal to 1");
      }
      if (key != null && value != null) {
        tags.put(key, value);
      }
    }
    return tags;
  }

  private static Set<String> loadInstanceTypes() {
    try (InputStream in = SageMakerConstraints.class.getResourceAsStream("app-instance-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      // Insertion order kept so that enum violations list the values as the model does.
      Set<String> types = new LinkedHashSet<>();
      reader.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(types::add);
      return Collections.unmodifiableSet(types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read app-instance-types.txt", e);
    }
  }
}
