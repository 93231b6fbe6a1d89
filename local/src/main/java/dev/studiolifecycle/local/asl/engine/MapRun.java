package dev.studiolifecycle.local.asl.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Map Run: the child workflow executions one visit of a Distributed Map state starts, and their
 * counts, as DescribeMapRun gives them (API reference, DescribeMapRun: itemCounts and
 * executionCounts). One child runs one item, or one batch of items.
 */
public final class MapRun {

  /** RUNNING, SUCCEEDED, FAILED or ABORTED. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  /** How many items (or child executions) are in each state. */
  public record Counts(
      long pending,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long aborted,
      long total,
      long resultsWritten) {}

  private final String mapRunArn;
  private final String executionArn;
  private final Instant startDate;
  private final int maxConcurrency;
  private final double toleratedFailurePercentage;
  private final long toleratedFailureCount;
  private final List<Execution> children = new ArrayList<>();
  private final List<Integer> itemsPerChild = new ArrayList<>();
  private long totalItems;
  private long totalChildren;
  private long itemResultsWritten;
  private long childResultsWritten;
  private Status status = Status.RUNNING;
  private Instant stopDate;

  MapRun(
      String mapRunArn,
      String executionArn,
      Instant startDate,
      int maxConcurrency,
      double toleratedFailurePercentage,
      long toleratedFailureCount) {
    this.mapRunArn = mapRunArn;
    this.executionArn = executionArn;
    this.startDate = startDate;
    this.maxConcurrency = maxConcurrency;
    this.toleratedFailurePercentage = toleratedFailurePercentage;
    this.toleratedFailureCount = toleratedFailureCount;
  }

  public String mapRunArn() {
    return mapRunArn;
  }

  /** The execution whose Distributed Map state started this Map Run. */
  public String executionArn() {
    return executionArn;
  }

  public Instant startDate() {
    return startDate;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public double toleratedFailurePercentage() {
    return toleratedFailurePercentage;
  }

  public long toleratedFailureCount() {
    return toleratedFailureCount;
  }

  public synchronized Status status() {
    return status;
  }

  public synchronized Optional<Instant> stopDate() {
    return Optional.ofNullable(stopDate);
  }

  /** The child executions started so far, in item order. */
  public synchronized List<Execution> children() {
    return List.copyOf(children);
  }

  public synchronized Counts itemCounts() {
    return counts(true);
  }

  public synchronized Counts executionCounts() {
    return counts(false);
  }

  synchronized void planned(long items, long childExecutions) {
    this.totalItems = items;
    this.totalChildren = childExecutions;
  }

  synchronized void started(Execution child, int items) {
    children.add(child);
    itemsPerChild.add(items);
  }

  synchronized void resultsWritten(long items, long childExecutions) {
    this.itemResultsWritten = items;
    this.childResultsWritten = childExecutions;
  }

  synchronized void end(Status ended, Instant at) {
    this.status = ended;
    this.stopDate = at;
  }

  private Counts counts(boolean items) {
    long running = 0;
    long succeeded = 0;
    long failed = 0;
    long timedOut = 0;
    long aborted = 0;
    long started = 0;
    for (int i = 0; i < children.size(); i++) {
      long weight = items ? itemsPerChild.get(i) : 1;
      started += weight;
      switch (children.get(i).status()) {
        case RUNNING -> running += weight;
        case SUCCEEDED -> succeeded += weight;
        case FAILED -> failed += weight;
        case TIMED_OUT -> timedOut += weight;
        case ABORTED -> aborted += weight;
      }
    }
    long total = items ? totalItems : totalChildren;
    return new Counts(
        total - started,
        running,
        succeeded,
        failed,
        timedOut,
        aborted,
        total,
        items ? itemResultsWritten : childResultsWritten);
  }
}
