package dev.mlops.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads, counting the exchanges handed to them so that a shutdown can wait for those
 * in flight: the JDK server's own {@code stop(delay)} waits the whole delay even when idle.
 */
final class DrainingExecutor implements Executor {

    private final ExecutorService pool;
    private final Object lock = new Object();
    private int inFlight;

    DrainingExecutor(int threads) {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "mlops-worker-" + number.incrementAndGet());
            thread.setDaemon(true); // the server's dispatcher thread keeps the JVM alive, not these
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public void execute(Runnable exchange) {
        synchronized (lock) {
            inFlight++;
        }
        try {
            pool.execute(() -> {
                try {
                    exchange.run();
                } finally {
                    finished();
                }
            });
        } catch (RuntimeException rejected) {
            finished();
            throw rejected;
        }
    }

    private void finished() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** @return whether every exchange finished within {@code timeout} */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
