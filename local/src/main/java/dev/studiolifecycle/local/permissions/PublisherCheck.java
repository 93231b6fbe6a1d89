package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the template's resource policies let a role of this account publish to a topic or put
 * events on a bus (the HR system, or anyone else trying to start the workflow). Within one account
 * an explicit deny in the resource policy refuses whatever the role's own policies allow (IAM User
 * Guide, "Policy evaluation logic"); the role's own policies are not known here and are taken to
 * allow the call, so only those denies are decided.
 */
public final class PublisherCheck {

  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:"
              + LocalAccount.PARTITION
              + ":iam::"
              + LocalAccount.ACCOUNT_ID
              + ":role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})");

  private PublisherCheck() {}

  /** Whether {@code arn} is a role ARN of this account, as {@link #denial} takes it. */
  public static boolean isRoleOfThisAccount(String arn) {
    return ROLE_ARN.matcher(arn).matches();
  }

  /**
   * Why the resource policies of {@code template} refuse {@code action} on {@code resourceArn} to a
   * session of {@code roleArn}, after "is not authorized to perform: ... on resource: ...", or
   * empty when none does.
   *
   * @throws IllegalArgumentException when {@code roleArn} is not a role of this account
   */
  public static Optional<String> denial(
      SamTemplate template, String roleArn, String action, String resourceArn) {
    Matcher role = ROLE_ARN.matcher(roleArn);
    if (!role.matches()) {
      throw new IllegalArgumentException(
          "'"
              + roleArn
              + "' is not a role of account "
              + LocalAccount.ACCOUNT_ID
              + " (arn:aws:iam::"
              + LocalAccount.ACCOUNT_ID
              + ":role/[path/]name): only this account's principals are modelled");
    }
    String session =
        "arn:"
            + LocalAccount.PARTITION
            + ":sts::"
            + LocalAccount.ACCOUNT_ID
            + ":assumed-role/"
            + role.group(2)
            + "/publisher";
    return new ResourcePolicies(template::resourcePolicies)
        .explicitDeny(
            session,
            roleArn,
            new IamRequest(action, resourceArn, Map.of(), "the publisher's call"));
  }
}
