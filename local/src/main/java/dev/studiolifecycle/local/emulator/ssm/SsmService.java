package dev.studiolifecycle.local.emulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.RequestRegion;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.json.ModelShapes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * AWS Systems Manager Parameter Store (awsJson1_1, {@code X-Amz-Target: AmazonSSM.<Operation>}), as
 * far as the workflow reads settings from it: GetParameter and PutParameter of {@code String} and
 * {@code StringList} parameters in the standard tier. SecureString, parameter policies, labels and
 * versions by selector are refused rather than half served.
 *
 * <p>Rules from the API reference of PutParameter ("Naming Constraints"; Value at most 4 KB in the
 * standard tier; Overwrite false refuses an existing name with ParameterAlreadyExists) and of
 * GetParameter (ParameterNotFound).
 */
public final class SsmService extends EmulatedService {

  /**
   * The Systems Manager API model's input shapes of the operations served, held to every request.
   */
  private static final ModelShapes SHAPES =
      ModelShapes.load(SsmService.class, "model-shapes.json", ModelShapes.MemberRules.NONE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern NAME_CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
  private static final int MAX_NAME_LENGTH = 1011;
  private static final int MAX_HIERARCHY_DEPTH = 15;
  private static final int MAX_STANDARD_VALUE_BYTES = 4096;
  private static final List<String> TYPES = List.of("String", "StringList");

  private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();

  /** One stored parameter. */
  public record Parameter(
      String name, String type, String value, long version, Instant lastModified) {}

  public SsmService() {
    super("ssm", new WireProtocol.AwsJson("1.1", "AmazonSSM"));
  }

  @Override
  public List<Operation> operations() {
    return SHAPES.checked(
        List.of(
            Operation.reading("GetParameter", this::getParameter),
            Operation.mutating("PutParameter", this::putParameter)));
  }

  /**
   * What a deployment creates (an {@code AWS::SSM::Parameter} of the template), by the API's rules;
   * deploying the same parameter again changes nothing.
   */
  public synchronized void seedParameter(String name, String type, String value, Instant now) {
    List<String> problems = new ArrayList<>();
    checkName(name, problems);
    checkTypeAndValue(type, value, problems);
    throwIfAny(problems);
    Parameter existing = parameters.get(name);
    if (existing == null || !existing.type().equals(type) || !existing.value().equals(value)) {
      store(name, type, value, existing == null, now);
    }
  }

  /** The parameter as stored, if any. */
  public Optional<Parameter> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /**
   * The parameter's ARN: names in a hierarchy start with a slash, which the ARN does not repeat.
   */
  public static String arn(String name) {
    return RequestRegion.arn(
        "ssm", "parameter/" + (name.startsWith("/") ? name.substring(1) : name));
  }

  private ServiceReply getParameter(ServiceRequest request) {
    JsonNode in = request.input();
    List<String> problems = new ArrayList<>();
    String name = text(in, "Name");
    if (name == null) {
      problems.add("Value null at 'name' failed to satisfy constraint: Member must not be null");
    } else if (name.contains(":")) {
      // A selector (name:version or name:label) is not served.
      problems.add("Parameter selectors (versions and labels) are not served by the emulator");
    }
    throwIfAny(problems);
    Parameter parameter = parameters.get(name);
    if (parameter == null) {
      throw AwsServiceError.badRequest("ParameterNotFound", "Parameter " + name + " not found.");
    }
    ObjectNode body = JSON.objectNode();
    ObjectNode out = body.putObject("Parameter");
    out.put("Name", parameter.name());
    out.put("Type", parameter.type());
    out.put("Value", parameter.value());
    out.put("Version", parameter.version());
    out.put("LastModifiedDate", BigDecimal.valueOf(parameter.lastModified().toEpochMilli(), 3));
    out.put("ARN", arn(parameter.name()));
    out.put("DataType", "text");
    return ServiceReply.json(body);
  }

  private ServiceReply putParameter(ServiceRequest request) {
    JsonNode in = request.input();
    List<String> problems = new ArrayList<>();
    String name = text(in, "Name");
    String value = text(in, "Value");
    String type = text(in, "Type");
    if (name == null) {
      problems.add("Value null at 'name' failed to satisfy constraint: Member must not be null");
    } else {
      checkName(name, problems);
    }
    if (value == null) {
      problems.add("Value null at 'value' failed to satisfy constraint: Member must not be null");
    }
    for (String member : List.of("KeyId", "Policies", "AllowedPattern", "Tags")) {
      if (in.has(member)) {
        problems.add(member + " is not served by the emulator");
      }
    }
    String tier = text(in, "Tier");
    if (tier != null && !tier.equals("Standard")) {
      problems.add("Tier " + tier + " is not served by the emulator (Standard only)");
    }
    throwIfAny(problems);
    Parameter existing = parameters.get(name);
    if (existing != null && !in.path("Overwrite").asBoolean(false)) {
      throw AwsServiceError.badRequest(
          "ParameterAlreadyExists",
          "The parameter already exists. To overwrite this value, set "
              + "the overwrite option in the request to true.");
    }
    String effectiveType = type != null ? type : existing != null ? existing.type() : null;
    if (effectiveType == null) {
      throw AwsServiceError.badRequest(
          "ValidationException", "A parameter type is required when you create a parameter.");
    }
    checkTypeAndValue(effectiveType, value, problems);
    throwIfAny(problems);
    Parameter stored = store(name, effectiveType, value, existing == null, request.time());
    ObjectNode out = JSON.objectNode();
    out.put("Version", stored.version());
    out.put("Tier", "Standard");
    return ServiceReply.json(out);
  }

  private synchronized Parameter store(
      String name, String type, String value, boolean create, Instant now) {
    Parameter previous = parameters.get(name);
    if (create && previous != null) {
      throw AwsServiceError.badRequest(
          "ParameterAlreadyExists", "The parameter already exists: " + name);
    }
    Parameter stored =
        new Parameter(name, type, value, previous == null ? 1 : previous.version() + 1, now);
    parameters.put(name, stored);
    return stored;
  }

  private static void checkName(String name, List<String> problems) {
    String bare = name.startsWith("/") ? name.substring(1) : name;
    String lower = bare.toLowerCase(Locale.ROOT);
    if (name.length() > MAX_NAME_LENGTH) {
      problems.add("Parameter name: must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (!NAME_CHARACTERS.matcher(name).matches()) {
      problems.add("Parameter name: can include only a-zA-Z0-9_.- and / (no spaces)");
    }
    if (lower.startsWith("aws") || lower.startsWith("ssm")) {
      problems.add("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
    }
    if (name.contains("/") && !name.startsWith("/")) {
      problems.add("Parameter name: a name in a hierarchy must begin with a forward slash (/).");
    }
    if (name.chars().filter(c -> c == '/').count() > MAX_HIERARCHY_DEPTH) {
      problems.add("Parameter name: hierarchies are limited to a depth of fifteen levels.");
    }
  }

  private static void checkTypeAndValue(String type, String value, List<String> problems) {
    if (!TYPES.contains(type)) {
      problems.add(
          "Type " + type + ": the emulator serves " + String.join(" and ", TYPES) + " parameters");
    }
    if (value != null
        && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > MAX_STANDARD_VALUE_BYTES) {
      problems.add("Value: a standard parameter value is at most 4 KB");
    }
    if (value != null && value.isEmpty()) {
      problems.add("Value: must be at least 1 character");
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw AwsServiceError.badRequest("ValidationException", String.join("; ", problems));
    }
  }

  private static String text(JsonNode in, String member) {
    JsonNode node = in.get(member);
    return node == null || node.isNull() ? null : node.asText();
  }
}
