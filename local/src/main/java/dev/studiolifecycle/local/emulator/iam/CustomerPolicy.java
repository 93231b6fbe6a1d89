package dev.studiolifecycle.local.emulator.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A customer managed policy of the emulated account, with one version (v1). */
final class CustomerPolicy {

  final String name;
  final String path;
  final String policyId;
  final String arn;
  final String document;
  final String description;
  final Instant createDate;
  final Map<String, String> tags;

  CustomerPolicy(
      String name,
      String path,
      String policyId,
      String arn,
      String document,
      String description,
      Instant createDate,
      Map<String, String> tags) {
    this.name = name;
    this.path = path;
    this.policyId = policyId;
    this.arn = arn;
    this.document = document;
    this.description = description;
    this.createDate = createDate;
    this.tags = new LinkedHashMap<>(tags);
  }
}
