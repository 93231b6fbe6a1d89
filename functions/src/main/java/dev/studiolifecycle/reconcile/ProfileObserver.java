package dev.studiolifecycle.reconcile;

import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.service.StudioLookups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;

/**
 * What the reconcile sees: every user profile of the served domains (every page), with the tags
 * that say whether the workflow manages it, its team and an offboarding's mark. Reads only.
 */
public final class ProfileObserver {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;

  public ProfileObserver(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  /** The profiles of {@code domainIds}, domain by domain in id order. */
  public List<ObservedProfile> observe(Collection<String> domainIds) {
    List<ObservedProfile> observed = new ArrayList<>();
    for (String domainId : new TreeSet<>(domainIds)) {
      String domainArn =
          sageMaker
              .describeDomain(DescribeDomainRequest.builder().domainId(domainId).build())
              .domainArn();
      lookups
          .profilesWithTags(domainArn, domainId)
          .forEach(
              (name, tags) ->
                  observed.add(
                      new ObservedProfile(
                          domainId,
                          name,
                          ManagedTags.isManaged(tags),
                          tags.get(ManagedTags.TEAM),
                          tags.get(ManagedTags.OFFBOARDING),
                          tags)));
    }
    return observed;
  }
}
