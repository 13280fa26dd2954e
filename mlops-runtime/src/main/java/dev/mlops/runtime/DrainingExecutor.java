package dev.mlops.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads, counting the exchanges handed to them so that a shutdown can wait for those
 * in flight: the JDK server's own {@code stop(delay)} waits the whole delay even when idle.
 *
 * <p>The JDK server reads a request's headers on these threads, so a client that sends half a request
 * holds one until the read timeout closes it: there are many more threads than workers (idle ones
 * end), and {@link Routes} lets only {@code workers} of them predict at once.
 */
final class DrainingExecutor implements Executor {

    private final ExecutorService pool;
    private final Object lock = new Object();
    private int inFlight;

    /** Connections being read or answered at once; beyond it they queue. */
    static final int MAX_THREADS = 256;

    DrainingExecutor() {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "mlops-worker-" + number.incrementAndGet());
            thread.setDaemon(true); // the server's dispatcher thread keeps the JVM alive, not these
            return thread;
        };
        ThreadPoolExecutor elastic = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        elastic.allowCoreThreadTimeOut(true);
        this.pool = elastic;
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
