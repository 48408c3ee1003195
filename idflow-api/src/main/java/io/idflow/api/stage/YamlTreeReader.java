package io.idflow.api.stage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.value.internal.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one YAML file into a {@link YamlNode} tree with lines, using Jackson's streaming YAML
 * parser. Rejects what would make a stage file ambiguous: duplicate keys, aliases, several
 * documents. Thread-safe.
 */
final class YamlTreeReader {

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  /** The mapping at the top of a file, or the problem that kept it from being read. */
  record Result(YamlNode.Mapping root, DefinitionProblem problem) {}

  /** A problem found while building the tree, with its line. */
  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    Invalid(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  private final String source;
  private final YAMLParser parser;

  private YamlTreeReader(String source, YAMLParser parser) {
    this.source = source;
    this.parser = parser;
  }

  /**
   * Parses a stage file.
   *
   * @param text the file's content
   * @param source the file as its base names it, for nodes and problems
   */
  static Result read(String text, String source) {
    try (YAMLParser p = FACTORY.createParser(text)) {
      YamlTreeReader reader = new YamlTreeReader(source, p);
      JsonToken first = p.nextToken();
      if (first == null) {
        return failure(source, 1, "the file is empty: a stage file needs at least a name");
      }
      YamlNode root = reader.node(first);
      if (!(root instanceof YamlNode.Mapping mapping)) {
        return failure(
            source, root.line(), "a stage file must hold a mapping (name: ..., workflows: ...)");
      }
      if (p.nextToken() != null) {
        return failure(
            source, line(p.currentTokenLocation()), "only one YAML document per stage file");
      }
      return new Result(mapping, null);
    } catch (Invalid e) {
      return failure(source, e.line, e.getMessage());
    } catch (JsonProcessingException e) {
      return failure(source, line(e.getLocation()), "invalid YAML: " + firstLine(e));
    } catch (IOException e) {
      return failure(source, 1, "cannot read: " + e.getMessage());
    }
  }

  private static Result failure(String source, int line, String reason) {
    return new Result(null, new DefinitionProblem(source, "line " + line, reason));
  }

  private YamlNode node(JsonToken token) throws IOException, Invalid {
    int line = line(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      throw new Invalid(line, "YAML aliases (*" + parser.getText() + ") are not supported");
    }
    switch (token) {
      case START_OBJECT:
        return mapping(line);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(node(t));
        }
        return new YamlNode.Sequence(items, source, line);
      case VALUE_STRING:
        return new YamlNode.Scalar(parser.getText(), source, line);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return new YamlNode.Scalar(
              Values.normalize(parser.getNumberValue(), "value"), source, line);
        } catch (IllegalArgumentException e) {
          throw new Invalid(line, "unsupported number " + parser.getText());
        }
      case VALUE_TRUE:
        return new YamlNode.Scalar(Boolean.TRUE, source, line);
      case VALUE_FALSE:
        return new YamlNode.Scalar(Boolean.FALSE, source, line);
      case VALUE_NULL:
        return new YamlNode.Scalar(null, source, line);
      default:
        throw new Invalid(line, "unsupported YAML content (" + token + ")");
    }
  }

  private YamlNode.Mapping mapping(int line) throws IOException, Invalid {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      int keyLine = line(parser.currentTokenLocation());
      YamlNode value = node(parser.nextToken());
      if (entries.putIfAbsent(key, value) != null) {
        throw new Invalid(keyLine, "duplicate key '" + key + "'");
      }
    }
    return new YamlNode.Mapping(entries, source, line);
  }

  private static int line(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
  }

  private static String firstLine(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    return (nl < 0 ? msg : msg.substring(0, nl)).strip();
  }
}
