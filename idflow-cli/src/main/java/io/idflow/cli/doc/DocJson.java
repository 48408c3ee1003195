package io.idflow.cli.doc;

import io.idflow.api.document.Document;
import io.idflow.api.document.StageInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of documents that {@code doc list} and {@code doc show} print. */
final class DocJson {

  private DocJson() {}

  /** What a listing prints per document: everything but the body and the stage instances. */
  static Map<String, Object> summary(Document doc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", doc.id());
    m.put("status", doc.status().folderName());
    m.put("path", doc.path().map(Object::toString).orElse(null));
    m.put("properties", doc.properties());
    m.put("doc_refs", doc.docRefs());
    m.put("file_refs", doc.fileRefs());
    return m;
  }

  /** Everything: the summary, the stage instances and the body. */
  static Map<String, Object> full(Document doc) {
    Map<String, Object> m = summary(doc);
    List<Object> stages = new ArrayList<>();
    for (StageInstance s : doc.stages()) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("name", s.name());
      st.put("counter", s.counter());
      st.put("id", s.id());
      st.put("status", s.status().fileName());
      st.put("path", s.path().map(Object::toString).orElse(null));
      st.put("properties", s.properties());
      st.put("doc_refs", s.docRefs());
      st.put("file_refs", s.fileRefs());
      st.put("results", s.results());
      st.put("body", s.body());
      stages.add(st);
    }
    m.put("stages", stages);
    m.put("body", doc.body());
    return m;
  }
}
