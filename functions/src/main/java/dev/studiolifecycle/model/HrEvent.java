package dev.studiolifecycle.model;

/**
 * An HR event once read: which employee was hired, moved or left, and in which Studio domain
 * ({@code domainId} is absent when the event names none); {@code team} is the employee's team, if
 * the event gives it (a transfer always does).
 */
public record HrEvent(
    String eventId,
    Action action,
    String occurredAt,
    String userName,
    String email,
    String ssoUserName,
    String domainId,
    String team) {}
