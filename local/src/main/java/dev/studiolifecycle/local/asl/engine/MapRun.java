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
  private final String stateName;
  private DistributedMapRunner.Plan plan;
  private Execution[] slots = new Execution[0];
  private long totalItems;
  private int redriveCount;
  private int generation;
  private long itemResultsWritten;
  private long childResultsWritten;
  private Status status = Status.RUNNING;
  private Instant stopDate;

  MapRun(
      String mapRunArn,
      String executionArn,
      String stateName,
      Instant startDate,
      int maxConcurrency,
      double toleratedFailurePercentage,
      long toleratedFailureCount) {
    this.mapRunArn = mapRunArn;
    this.executionArn = executionArn;
    this.stateName = stateName;
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

  /** The Distributed Map state that started it. */
  public String stateName() {
    return stateName;
  }

  /** The child executions started so far, in item order. */
  public synchronized List<Execution> children() {
    List<Execution> started = new ArrayList<>();
    for (Execution slot : slots) {
      if (slot != null) {
        started.add(slot);
      }
    }
    return started;
  }

  /** How many times the Map Run has been redriven. */
  public synchronized int redriveCount() {
    return redriveCount;
  }

  public synchronized Counts itemCounts() {
    return counts(true);
  }

  public synchronized Counts executionCounts() {
    return counts(false);
  }

  /** The Map Run's inputs, fixed when it starts (a redrive reruns these, not new ones). */
  synchronized void planned(DistributedMapRunner.Plan runPlan, int executionRedriveCount) {
    this.plan = runPlan;
    this.slots = new Execution[runPlan.inputs().size()];
    this.totalItems = runPlan.itemsPerInput().stream().mapToLong(Integer::longValue).sum();
    this.generation = executionRedriveCount;
  }

  synchronized DistributedMapRunner.Plan plan() {
    return plan;
  }

  /** The child of input {@code index}, or null when none was started for it. */
  synchronized Execution child(int index) {
    return slots[index];
  }

  synchronized void started(int index, Execution child) {
    slots[index] = child;
  }

  /**
   * Whether a redrive of its execution (the {@code executionRedriveCount}th) redrives this Map Run:
   * it did not succeed, and was started or redriven before that redrive.
   */
  synchronized boolean redrivenBy(int executionRedriveCount) {
    return status != Status.SUCCEEDED
        && status != Status.RUNNING
        && generation < executionRedriveCount;
  }

  synchronized void redriven(int executionRedriveCount) {
    this.status = Status.RUNNING;
    this.stopDate = null;
    this.redriveCount++;
    this.generation = executionRedriveCount;
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
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        continue;
      }
      long weight = items ? plan.itemsPerInput().get(i) : 1;
      started += weight;
      switch (slots[i].status()) {
        case RUNNING -> running += weight;
        case SUCCEEDED -> succeeded += weight;
        case FAILED -> failed += weight;
        case TIMED_OUT -> timedOut += weight;
        case ABORTED -> aborted += weight;
      }
    }
    long total = items ? totalItems : slots.length;
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
