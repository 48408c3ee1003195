package io.idflow.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final StringWriter text = new StringWriter();

  private static Progress.Row row(String doc, String stage, String status) {
    return new Progress.Row(doc + "/" + stage, doc, stage, status);
  }

  @Test
  void plainAppendsALineForEachChangeOnly() {
    Progress p = new Progress(new PrintWriter(text), false, true);
    p.update(List.of(row("Backups", "outline #1", "active")), "0.4 s", "h");
    p.update(List.of(row("Backups", "outline #1", "active")), "0.8 s", "h");
    p.update(
        List.of(row("Backups", "outline #1", "done"), row("Backups", "draft #1", "scheduled")),
        "1.2 s",
        "h");
    assertThat(text.toString())
        .isEqualTo(
            "[ 0.4 s] Backups: outline #1 active\n"
                + "[ 1.2 s] Backups: outline #1 done\n"
                + "[ 1.2 s] Backups: draft #1 scheduled\n");
  }

  @Test
  void liveRedrawsTheBlockInPlace() {
    Progress p = new Progress(new PrintWriter(text), true, false);
    p.update(List.of(row("Backups", "outline #1", "active")), "0.4 s", "Pipeline: 0 of 1");
    p.update(List.of(row("Backups", "outline #1", "done")), "0.8 s", "Pipeline: 1 of 1");
    assertThat(text.toString())
        .isEqualTo(
            "\r\u001b[2KPipeline: 0 of 1 (0.4 s)\n"
                + "\r\u001b[2K  Backups  outline #1  active\n"
                + "\u001b[2A"
                + "\r\u001b[2KPipeline: 1 of 1 (0.8 s)\n"
                + "\r\u001b[2K  Backups  outline #1  done\n");
  }

  @Test
  void liveColoursTheStatusUnlessColourIsOff() {
    new Progress(new PrintWriter(text), true, true)
        .update(List.of(row("A", "s #1", "done"), row("A", "t #1", "blocked")), "1 s", "h");
    assertThat(text.toString()).contains("\u001b[32mdone\u001b[0m").contains("\u001b[31mblocked");

    StringWriter plain = new StringWriter();
    new Progress(new PrintWriter(plain), true, false)
        .update(List.of(row("A", "s #1", "done")), "1 s", "h");
    assertThat(plain.toString()).doesNotContain("\u001b[3");
  }

  @Test
  void aNoteGoesAboveTheLiveBlock() {
    Progress p = new Progress(new PrintWriter(text), true, false);
    p.update(List.of(row("A", "s #1", "active")), "1 s", "h");
    text.getBuffer().setLength(0);
    p.note("warning: careful");
    p.update(List.of(row("A", "s #1", "done")), "2 s", "h");
    assertThat(text.toString())
        .isEqualTo(
            "\u001b[2A\r\u001b[2K\n\r\u001b[2K\n\u001b[2A"
                + "warning: careful\n"
                + "\r\u001b[2Kh (2 s)\n"
                + "\r\u001b[2K  A  s #1  done\n");
  }
}
