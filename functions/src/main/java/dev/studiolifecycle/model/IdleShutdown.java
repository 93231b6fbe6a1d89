package dev.studiolifecycle.model;

/**
 * Idle shutdown of the user's JupyterLab and Code Editor apps ({@code
 * AppLifecycleManagement.IdleSettings} of both): an app idle for {@code idleTimeoutInMinutes} is
 * shut down; {@code min} and {@code max} bound what the user may set herself (optional).
 */
public record IdleShutdown(
    Integer idleTimeoutInMinutes,
    Integer minIdleTimeoutInMinutes,
    Integer maxIdleTimeoutInMinutes) {}
