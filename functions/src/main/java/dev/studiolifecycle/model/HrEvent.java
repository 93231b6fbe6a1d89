package dev.studiolifecycle.model;

/**
 * An HR event once read: which employee was hired or left, and in which Studio domain ({@code
 * domainId} is absent when the event names none).
 */
public record HrEvent(
    String eventId,
    Action action,
    String occurredAt,
    String userName,
    String email,
    String ssoUserName,
    String domainId) {}
