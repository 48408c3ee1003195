package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import com.netflix.conductor.sdk.workflow.executor.task.TaskContext;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Worker methods for the tests; the tests give them unique task names. */
public class TestWorkers {

  /** Counts calls of {@link #slow}. */
  public final AtomicInteger slowCalls = new AtomicInteger();

  /** Opened when {@link #slow} starts. */
  public final CountDownLatch slowStarted = new CountDownLatch(1);

  @WorkerTask("echo")
  public Map<String, Object> echo(String msg, Integer n, List<Integer> list) {
    TaskContext.get().addLog("echoing " + msg);
    return Map.of(
        "msg", msg, "twice", n == null ? -1 : n * 2, "size", list == null ? 0 : list.size());
  }

  @WorkerTask("upper")
  public String upper(@InputParam("text") String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  @WorkerTask("whole")
  public int whole(Map<String, Object> input) {
    return input.size();
  }

  @WorkerTask("task_param")
  public Map<String, Object> taskParam(Task task) {
    return Map.of("taskType", task.getTaskDefName());
  }

  @WorkerTask("nothing")
  public void nothing() {}

  @WorkerTask("needs_int")
  public int needsInt(int count) {
    return count;
  }

  @WorkerTask("fails")
  public String fails(String why) {
    throw new IllegalStateException("failed on purpose: " + why);
  }

  @WorkerTask("fails_terminally")
  public String failsTerminally(String why) {
    throw new NonRetryableException("bad input: " + why);
  }

  /** Sleeps {@code ms} milliseconds, then writes {@code marker} (if given) and returns. */
  @WorkerTask("slow")
  public Map<String, Object> slow(Integer ms, String started) throws Exception {
    slowCalls.incrementAndGet();
    slowStarted.countDown();
    if (started != null) {
      Files.writeString(Path.of(started), "started");
    }
    Thread.sleep(ms == null ? 1000 : ms);
    return Map.of("slept", ms);
  }

  public static java.lang.reflect.Method method(String name) {
    for (java.lang.reflect.Method m : TestWorkers.class.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** The worker for method {@code name} under a unique task name. */
  WorkerMethod worker(String name, String taskType) {
    return new WorkerMethod(taskType, method(name), this, 0, 0, "", null);
  }
}
