package dev.mlops.core.deploy.local;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.deploy.DeploymentException;
import dev.mlops.core.deploy.EndpointBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One deployment, rollback or undeploy of an endpoint at a time, across threads and processes: a
 * {@link FileLock} keeps other processes out; it cannot be taken twice in one JVM, so threads queue
 * on a {@link ReentrantLock} first (as the file store does). The lock file lives in
 * {@code <endpoints>/.locks/}, not in the endpoint's directory, which undeploy deletes: a waiter
 * holding the deleted file would take a lock nobody else sees.
 */
final class EndpointLock implements EndpointBackend.Lock {

    private static final Map<String, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock fileLock;

    private EndpointLock(ReentrantLock threads, FileChannel channel, FileLock fileLock) {
        this.threads = threads;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits up to {@code timeout} for the endpoint, saying so once, then fails naming who holds it. */
    static EndpointLock acquire(Path endpointsDir, String endpoint, String purpose, Duration timeout, Clock clock,
            MlopsEvents events) {
        Path file = endpointsDir.resolve(".locks").resolve(endpoint + ".lock");
        ReentrantLock threads = THREADS.computeIfAbsent(file.toAbsolutePath().normalize().toString(), k -> new ReentrantLock());
        Instant deadline = clock.instant().plus(timeout);
        boolean said = false;
        try {
            if (!threads.tryLock()) {
                events.info("Waiting for endpoint '" + endpoint + "': " + holder(file) + " (up to " + timeout + ")");
                said = true;
                if (!threads.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw busy(endpoint, file, timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while waiting for endpoint '" + endpoint + "'", e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (!said) {
                    events.info("Waiting for endpoint '" + endpoint + "': " + holder(file) + " (up to " + timeout + ")");
                    said = true;
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw busy(endpoint, file, timeout);
                }
                Thread.sleep(100);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " " + purpose + " since "
                    + clock.instant()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new EndpointLock(threads, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            threads.unlock();
            throw new InfrastructureException("Cannot lock endpoint '" + endpoint + "' (" + file + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            threads.unlock();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while waiting for endpoint '" + endpoint + "'", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            fileLock.release();
        } catch (IOException ignored) {
            // closing the channel releases the lock as well
        } finally {
            closeQuietly(channel);
            threads.unlock();
        }
    }

    private static DeploymentException busy(String endpoint, Path file, Duration timeout) {
        return new DeploymentException("Endpoint '" + endpoint + "' is still locked after " + timeout + " by "
                + holder(file) + ". Wait for that run to finish, or stop it (the lock ends with its process).", null);
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another deployment in this JVM" : text;
        } catch (IOException e) {
            return "another deployment";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
