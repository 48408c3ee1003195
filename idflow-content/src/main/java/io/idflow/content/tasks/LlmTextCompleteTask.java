package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.http.LlmClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code llm_text_complete}: asks the configured OpenAI-compatible chat endpoint ({@code llm.url},
 * {@code llm.model}; see {@link LlmClient}) to complete a prompt; {@code {name}} placeholders of
 * the prompt are filled from {@code promptVariables}. Without an endpoint it fails at once with one
 * line that says what to set.
 */
public class LlmTextCompleteTask extends ContentTask {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** The task for this configuration. */
  public LlmTextCompleteTask(IdflowConfig config) {
    super(config);
  }

  /** Completes a prompt. */
  @WorkerTask("llm_text_complete")
  @TaskDefinition(
      description =
          "idflow: completes a prompt with the configured OpenAI-compatible chat endpoint"
              + " (llm.url, llm.model)",
      retryCount = 1,
      retryDelaySeconds = 10,
      timeoutSeconds = 900,
      responseTimeoutSeconds = 600,
      inputKeys = {
        "prompt",
        "promptVariables",
        "model",
        "temperature",
        "topP",
        "maxTokens",
        "stopWords"
      },
      outputKeys = {"result", "model", "finishReason"})
  public Map<String, Object> llmTextComplete(
      @InputParam("prompt") String prompt,
      @InputParam("promptVariables") Map<String, Object> promptVariables,
      @InputParam("model") String model,
      @InputParam("temperature") Double temperature,
      @InputParam("topP") Double topP,
      @InputParam("maxTokens") Integer maxTokens,
      @InputParam("stopWords") Object stopWords) {
    if (prompt == null || prompt.isBlank()) {
      throw new NonRetryableException("the input prompt is missing");
    }
    try {
      LlmClient client = LlmClient.fromConfig(config);
      LlmClient.Completion c =
          client.complete(
              new LlmClient.Request(
                  fill(prompt, promptVariables),
                  model,
                  temperature,
                  topP,
                  maxTokens,
                  stop(stopWords)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("result", c.text());
      out.put("model", c.model());
      out.put("finishReason", c.finishReason());
      return out;
    } catch (IdflowException e) {
      throw failure(e);
    }
  }

  /** The prompt with its {@code {name}} placeholders filled. */
  static String fill(String prompt, Map<String, Object> variables) {
    Matcher m = PLACEHOLDER.matcher(prompt);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (variables == null || !variables.containsKey(name)) {
        throw new NonRetryableException("missing prompt variable '" + name + "'");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(variables.get(name))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Stop words as a string, a list, or a map's values. */
  static List<String> stop(Object stopWords) {
    List<String> out = new ArrayList<>();
    if (stopWords instanceof String s) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    } else if (stopWords instanceof Collection<?> c) {
      c.forEach(o -> out.add(String.valueOf(o)));
    } else if (stopWords instanceof Map<?, ?> map) {
      map.values().forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }
}
