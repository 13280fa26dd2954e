package dev.mlops.aws.sagemaker;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.train.TrainingFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * One SageMaker training job from creation (or attaching to it) to its end: a poll with backoff, because the SDK's
 * waiter reports no intermediate state; a line per status or secondary-status change and one at least every
 * {@link Pacing#heartbeat()}; a bounded wait; a shutdown hook that stops the job when the build is stopped.
 */
final class JobWatch {

    static final int LOG_LINES = 20;

    /** How often to ask, how often to say something, and how long to wait beyond the job's own limit. */
    record Pacing(Duration first, Duration max, Duration heartbeat, Duration grace, Sleeper sleeper) {
        static Pacing startingAt(Duration first) {
            Duration max = Duration.ofSeconds(30);
            return new Pacing(first, first.compareTo(max) > 0 ? first : max, Duration.ofMinutes(1), Duration.ofHours(1),
                    d -> Thread.sleep(d.toMillis()));
        }
    }

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Where the stop-on-shutdown hook goes; tests run it themselves. */
    interface Hooks {
        Hooks RUNTIME = hook -> {
            Thread thread = new Thread(hook, "mlops-stop-training-job");
            Runtime.getRuntime().addShutdownHook(thread);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(thread);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
            };
        };

        AutoCloseableHook register(Runnable hook);
    }

    interface AutoCloseableHook extends AutoCloseable {
        @Override
        void close();
    }

    private final SageMakerClient sageMaker;
    private final CloudWatchLogsClient logs;
    private final String name;
    private final Clock clock;
    private final Pacing pacing;
    private final Hooks hooks;
    private final MlopsEvents events;
    private final AtomicBoolean stopped = new AtomicBoolean();

    JobWatch(SageMakerClient sageMaker, CloudWatchLogsClient logs, String name, Clock clock, Pacing pacing, Hooks hooks,
            MlopsEvents events) {
        this.sageMaker = sageMaker;
        this.logs = logs;
        this.name = name;
        this.clock = clock;
        this.pacing = pacing;
        this.hooks = hooks;
        this.events = events;
    }

    /** Creates the job, or attaches to the one of that name; waits for it; returns it Completed, else throws. */
    DescribeTrainingJobResponse startOrAttach(CreateTrainingJobRequest request, SageMakerTrainingSettings settings) {
        try (AutoCloseableHook hook = hooks.register(this::stopBecauseTheBuildStops)) {
            try {
                String arn = sageMaker.createTrainingJob(request).trainingJobArn();
                events.info("Started SageMaker training job " + arn);
            } catch (ResourceInUseException exists) {
                attach(request);
            }
            Duration limit = settings.spot() ? settings.maxWait().orElse(settings.maxRuntime()) : settings.maxRuntime();
            return waitForEnd(clock.instant().plus(limit).plus(pacing.grace()));
        }
    }

    private void attach(CreateTrainingJobRequest request) {
        DescribeTrainingJobResponse existing = describe();
        events.info("A SageMaker training job named '" + name + "' exists already (" + existing.trainingJobStatusAsString()
                + "): attaching to it instead of starting another");
        String image = existing.algorithmSpecification() == null ? null : existing.algorithmSpecification().trainingImage();
        if (!request.algorithmSpecification().trainingImage().equals(image)) {
            throw new dev.mlops.core.ConfigurationException(Text.of("The SageMaker training job '" + name + "' of this"
                    + " version trains the image " + image + ", not " + request.algorithmSpecification().trainingImage()
                    + ": it was started by another build of this version. Train a new version (",
                    Setting.VERSION.any("version"), ")."));
        }
        TrainingJobStatus status = existing.trainingJobStatus();
        if (status == TrainingJobStatus.FAILED || status == TrainingJobStatus.STOPPED) {
            // SageMaker never reuses a job name, and a version is trained once: the retry cannot start it again
            throw new TrainingFailedException(Text.of("The SageMaker training job '" + name + "' of this version ended "
                    + existing.trainingJobStatusAsString() + " before this build" + reason(existing) + ", and SageMaker does not reuse a job's name."
                    + " Train it as a new version (", Setting.VERSION.any("version"), ")."), 1);
        }
    }

    private DescribeTrainingJobResponse waitForEnd(Instant deadline) {
        Instant started = clock.instant();
        Instant lastLine = Instant.MIN;
        String lastState = "";
        Duration pause = pacing.first();
        while (true) {
            DescribeTrainingJobResponse job = describe();
            String state = job.trainingJobStatusAsString() + " / " + job.secondaryStatusAsString();
            Instant now = clock.instant();
            String elapsed = elapsed(Duration.between(started, now));
            if (!state.equals(lastState)) {
                events.info("SageMaker job " + name + ": " + state + " (" + elapsed + ")" + message(job));
                lastState = state;
                lastLine = now;
            } else if (!now.isBefore(lastLine.plus(pacing.heartbeat()))) {
                events.info("SageMaker job " + name + ": still " + state + " (" + elapsed + ")");
                lastLine = now;
            }
            switch (job.trainingJobStatus()) {
                case COMPLETED -> {
                    events.info("SageMaker job " + name + " completed: " + job.billableTimeInSeconds() + " billable seconds"
                            + " of " + job.trainingTimeInSeconds() + " training");
                    return job;
                }
                case FAILED -> throw failed(job);
                case STOPPED -> throw new TrainingFailedException(Text.of("SageMaker training job '" + name + "' was stopped"
                        + (stopped.get() ? " (this build asked it to stop)" : "") + reason(job)
                        + ("MaxRuntimeExceeded".equals(job.secondaryStatusAsString())
                        ? ": it ran out of its maximum runtime; raise " : ". Its limit is "),
                        SageMakerTrainingSettings.MAX_RUNTIME.any("duration"), "."), 1);
                default -> { }
            }
            if (now.isAfter(deadline)) {
                stop("the wait reached its limit");
                throw new InfrastructureException(Text.of("SageMaker training job '" + name + "' is still "
                        + state + " after " + elapsed + ", past its maximum runtime and an hour's grace; it was asked to"
                        + " stop. Check it in the SageMaker console, or raise ", SageMakerTrainingSettings.MAX_RUNTIME.any("duration"), "."), null);
            }
            sleep(pause);
            pause = pause.multipliedBy(3).dividedBy(2).compareTo(pacing.max()) > 0 ? pacing.max() : pause.multipliedBy(3).dividedBy(2);
        }
    }

    private DescribeTrainingJobResponse describe() {
        return sageMaker.describeTrainingJob(b -> b.trainingJobName(name));
    }

    private void sleep(Duration pause) {
        try {
            pacing.sleeper().sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("the build was interrupted");
            throw new InfrastructureException("Interrupted while waiting for SageMaker training job '" + name
                    + "'; it was asked to stop.", e);
        }
    }

    private void stopBecauseTheBuildStops() {
        stop("the build is stopping (cancelled CI job or Ctrl-C)");
    }

    private void stop(String why) {
        if (stopped.compareAndSet(false, true)) {
            events.warn("Stopping SageMaker training job '" + name + "': " + why);
            try {
                sageMaker.stopTrainingJob(b -> b.trainingJobName(name));
                events.warn("Asked SageMaker to stop training job '" + name + "'; it ends as Stopped.");
            } catch (SdkException e) {
                events.warn("Could not stop SageMaker training job '" + name + "' (" + e.getMessage()
                        + "): stop it in the SageMaker console.");
            }
        }
    }

    private TrainingFailedException failed(DescribeTrainingJobResponse job) {
        return new TrainingFailedException(Text.of("SageMaker training job '" + name + "' failed" + reason(job) + "."
                + lastLogLines()), 1);
    }

    private String lastLogLines() {
        try {
            List<String> lines = new ArrayList<>();
            List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(SageMakerTrainer.LOG_GROUP)
                    .logStreamNamePrefix(name + "/").limit(5)).logStreams();
            for (LogStream stream : streams) {
                List<OutputLogEvent> last = logs.getLogEvents(b -> b.logGroupName(SageMakerTrainer.LOG_GROUP)
                        .logStreamName(stream.logStreamName()).startFromHead(false).limit(LOG_LINES)).events();
                lines.add("--- last " + last.size() + " lines of " + SageMakerTrainer.LOG_GROUP + " " + stream.logStreamName() + ":");
                last.forEach(e -> lines.add(e.message().stripTrailing()));
            }
            return lines.isEmpty() ? " The job wrote no log stream." : "\n" + String.join("\n", lines);
        } catch (SdkException e) {
            return " (Its log in " + SageMakerTrainer.LOG_GROUP + " could not be read: " + e.getMessage() + ")";
        }
    }

    private static String reason(DescribeTrainingJobResponse job) {
        return job.failureReason() == null || job.failureReason().isBlank() ? "" : ": " + job.failureReason();
    }

    private static String message(DescribeTrainingJobResponse job) {
        List<SecondaryStatusTransition> transitions = job.secondaryStatusTransitions();
        if (transitions == null || transitions.isEmpty() || transitions.get(transitions.size() - 1).statusMessage() == null) {
            return "";
        }
        return ": " + transitions.get(transitions.size() - 1).statusMessage();
    }

    static String elapsed(Duration d) {
        return d.toMinutes() == 0 ? d.toSeconds() + " s" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
