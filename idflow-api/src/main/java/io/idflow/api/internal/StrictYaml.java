package io.idflow.api.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads hand-written YAML as YAML means it, refusing what it cannot read faithfully: a document's
 * frontmatter (for what the fast reader gives up on) and the config file. Internal: not part of
 * idflow's API.
 *
 * <ul>
 *   <li>Scalars resolve as Jackson's YAML parser resolves them (the rules the rest of idflow uses).
 *   <li>Aliases ({@code *a}) are the value of their anchor ({@code &a}); merge keys ({@code <<: *a}
 *       or {@code <<: [*a, *b]}) copy the keys a mapping does not set itself, the first merged
 *       mapping winning. Written back, the values are plain copies.
 *   <li>Refused, so that nothing is read wrong and written back: duplicate keys, {@code
 *       .inf}/{@code .nan} (not finite numbers, which JSON cannot carry), {@code !!binary}, {@code
 *       !!set} and other collection tags, aliases to unknown anchors, and null keys ({@code ~},
 *       {@code null}, an empty key, {@code !!null}), which a map of names cannot hold.
 * </ul>
 *
 * <p>Jackson reports an alias as a string holding its name and loses the anchors of scalars, so the
 * reader walks SnakeYAML's event stream (which Jackson's parser is built on, one event per token)
 * next to Jackson's tokens and takes anchors and aliases from the events. Not thread-safe; use one
 * per text.
 */
public final class StrictYaml {

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final String MERGE = "<<";
  private static final String NULL_TAG = "tag:yaml.org,2002:null";

  private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");

  /** Why a text is refused: a one-line message with the dotted path of the value, and its line. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    Refused(String message, int line) {
      super(message, null, false, false);
      this.line = line;
    }

    /** The 1-based line of the refused value or key in the text, or 0 when not known. */
    public int line() {
      return line;
    }
  }

  private final YAMLParser tokens;
  private final Iterator<Event> events;
  private final Map<String, Object> anchors = new HashMap<>();
  private Event event;

  private StrictYaml(YAMLParser tokens, Iterator<Event> events) {
    this.tokens = tokens;
    this.events = events;
  }

  /**
   * Parses a YAML text (its first document).
   *
   * @return the top-level value: a map, or null for an empty text, or another value (the caller
   *     refuses it)
   * @throws Refused for content idflow does not read (see the class comment)
   * @throws IOException for invalid YAML
   */
  public static Object read(String text) throws IOException, Refused {
    ParserImpl snake =
        new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
    Iterator<Event> events =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return snake.peekEvent() != null;
          }

          @Override
          public Event next() {
            return snake.getEvent();
          }
        };
    try (YAMLParser p = FACTORY.createParser(text)) {
      StrictYaml reader = new StrictYaml(p, events);
      JsonToken first = reader.next();
      return first == null ? null : reader.value(first, "");
    }
  }

  /** The next token, with {@link #event} its event. */
  private JsonToken next() throws IOException {
    JsonToken t = tokens.nextToken();
    if (t == null) {
      return null;
    }
    while (true) {
      Event e = events.next();
      if (e.is(Event.ID.StreamStart)
          || e.is(Event.ID.DocumentStart)
          || e.is(Event.ID.DocumentEnd)
          || e.is(Event.ID.Comment)) {
        continue;
      }
      event = e;
      return t;
    }
  }

  private Object value(JsonToken t, String where) throws IOException, Refused {
    if (event instanceof AliasEvent alias) {
      String name = alias.getAnchor();
      if (!anchors.containsKey(name)) {
        throw refused(show(where) + "the alias *" + name + " has no anchor before it");
      }
      return anchors.get(name);
    }
    String anchor = event instanceof NodeEvent node ? node.getAnchor() : null;
    String tag = tokens.getTypeId();
    Object value =
        switch (t) {
          case START_OBJECT -> {
            refuseTag(tag, "tag:yaml.org,2002:map", where);
            yield mapping(where);
          }
          case START_ARRAY -> {
            refuseTag(tag, "tag:yaml.org,2002:seq", where);
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (JsonToken n = next(); n != JsonToken.END_ARRAY; n = next()) {
              list.add(value(n, where + "[" + i++ + "]"));
            }
            yield list;
          }
          case VALUE_STRING -> tokens.getText();
          case VALUE_NUMBER_INT -> tokens.getNumberValue();
          case VALUE_NUMBER_FLOAT -> floating(where);
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          case VALUE_NULL -> null;
          case VALUE_EMBEDDED_OBJECT ->
              throw refused(show(where) + shortTag(tag) + " values are not supported (store text)");
          default -> throw new IOException("unexpected YAML content " + t);
        };
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  private Object floating(String where) throws IOException, Refused {
    double d;
    try {
      d = tokens.getDoubleValue();
    } catch (JsonParseException e) {
      d = Double.NaN; // .inf, .nan and their spellings, which Jackson does not convert
    }
    if (!Double.isFinite(d)) {
      throw refused(
          show(where) + tokens.getText() + " is not a finite number (quote it to keep it as text)");
    }
    return d;
  }

  private Map<String, Object> mapping(String where) throws IOException, Refused {
    Map<String, Object> own = new LinkedHashMap<>();
    List<Map<?, ?>> merged = new ArrayList<>();
    for (JsonToken t = next(); t != JsonToken.END_OBJECT; t = next()) {
      String key = tokens.currentName();
      boolean plainKey = event instanceof ScalarEvent s && s.isPlain();
      if (event instanceof AliasEvent) {
        throw refused(show(where) + "aliases as keys are not supported");
      }
      // Jackson gives a null key as its text ("~"); YAML means null, which no name can stand for.
      if (event instanceof ScalarEvent s
          && ((s.isPlain() && s.getTag() == null && NULL_WORDS.contains(s.getValue()))
              || NULL_TAG.equals(s.getTag()))) {
        throw refused(
            show(where)
                + "the key '"
                + key
                + "' is a null key in YAML, which idflow does not read (quote it to keep it as"
                + " text)");
      }
      String path = where.isEmpty() ? key : where + "." + key;
      Event keyEvent = event;
      JsonToken v = next();
      if (plainKey && MERGE.equals(key)) {
        Object m = value(v, path);
        if (m instanceof Map<?, ?> map) {
          merged.add(map);
        } else if (m instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
          list.forEach(x -> merged.add((Map<?, ?>) x));
        } else {
          throw refused(show(path) + "a merge key needs a mapping or a list of mappings");
        }
        continue;
      }
      if (own.containsKey(key)) {
        throw refused(keyEvent, "duplicate key '" + path + "'");
      }
      own.put(key, value(v, path));
    }
    if (merged.isEmpty()) {
      return own;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map<?, ?> m : merged) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        result.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
      }
    }
    result.putAll(own);
    return result;
  }

  private void refuseTag(String tag, String allowed, String where) throws Refused {
    if (tag != null && !tag.equals(allowed) && !tag.equals("!")) {
      throw refused(show(where) + shortTag(tag) + " values are not supported");
    }
  }

  /** A refusal at the current event's line. */
  private Refused refused(String message) {
    return refused(event, message);
  }

  private static Refused refused(Event at, String message) {
    return new Refused(
        message, at == null || at.getStartMark() == null ? 0 : at.getStartMark().getLine() + 1);
  }

  private static String shortTag(String tag) {
    if (tag == null) {
      return "tagged";
    }
    return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
  }

  private static String show(String where) {
    return where.isEmpty() ? "" : where + ": ";
  }
}
