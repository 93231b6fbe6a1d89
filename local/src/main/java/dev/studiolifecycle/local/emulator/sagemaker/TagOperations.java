package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SageMaker's AddTags and ListTags, on the ARN of any resource (state guarded by {@link
 * SageMakerService}).
 */
record TagOperations(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply addTags(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String arn = input.requiredString("ResourceArn", SageMakerConstraints.RESOURCE_ARN, 256);
    if (!input.has("Tags")) {
      input.requiredObject("Tags");
    }
    Map<String, String> added = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Map<String, String> tags = tagsOf(arn);
    Map<String, String> merged = new LinkedHashMap<>(tags);
    merged.putAll(added);
    if (merged.size() > SageMakerConstraints.MAX_TAGS) {
      throw SageMakerErrors.validation(
          "Resource "
              + arn
              + " would have "
              + merged.size()
              + " tags; at most "
              + SageMakerConstraints.MAX_TAGS
              + " are allowed.");
    }
    for (String key : added.keySet()) {
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw SageMakerErrors.validation("Tag keys starting with 'aws:' are reserved: " + key);
      }
    }
    tags.putAll(added);
    ObjectNode out = JSON.objectNode();
    out.set("Tags", tagList(added));
    return ServiceReply.json(out);
  }

  /** DeleteTags: removes the keys named; a key the resource does not have changes nothing. */
  ServiceReply deleteTags(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String arn = input.requiredString("ResourceArn", SageMakerConstraints.RESOURCE_ARN, 256);
    if (!input.has("TagKeys")) {
      input.violation("TagKeys", null, "Member must not be null");
    }
    List<JsonNode> keys = input.optionalList("TagKeys", 1, SageMakerConstraints.MAX_TAGS);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i).asText();
      if (key.isEmpty()
          || key.length() > 128
          || !SageMakerConstraints.TAG_TEXT.matcher(key).matches()) {
        input.violation(
            "TagKeys." + (i + 1) + ".member",
            key,
            "Member must satisfy regular expression pattern: "
                + SageMakerConstraints.TAG_TEXT.pattern()
                + " and have length between 1 and 128");
      }
      names.add(key);
    }
    input.throwIfInvalid();
    Map<String, String> tags = tagsOf(arn);
    names.forEach(tags::remove);
    return ServiceReply.emptyJson();
  }

  ServiceReply listTags(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String arn = input.requiredString("ResourceArn", SageMakerConstraints.RESOURCE_ARN, 256);
    ListQuery query = ListQuery.paging(input, 50, Integer.MAX_VALUE, 50);
    input.throwIfInvalid();
    List<Map.Entry<String, String>> all = new ArrayList<>(tagsOf(arn).entrySet());
    Pages.Page<Map.Entry<String, String>> page = query.page(all);
    Map<String, String> pageTags = new LinkedHashMap<>();
    page.items().forEach(entry -> pageTags.put(entry.getKey(), entry.getValue()));
    ObjectNode out = JSON.objectNode();
    out.set("Tags", tagList(pageTags));
    ListQuery.putNextToken(out, page);
    return ServiceReply.json(out);
  }

  private Map<String, String> tagsOf(String arn) {
    Map<String, String> tags = resources.tagsByArn.get(arn);
    if (tags == null) {
      throw SageMakerErrors.validation("Resource " + arn + " does not exist.");
    }
    return tags;
  }

  private static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode list = JSON.arrayNode();
    tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
    return list;
  }
}
