/**
 * Stage definitions: the {@code stages/*.yml} files of every base, deep-merged by stage name into
 * {@link io.idflow.api.stage.StageDefinition}s, with their workflows and {@link
 * io.idflow.api.stage.Requirements}, and the problems found in them.
 *
 * <p>Start at {@link io.idflow.api.stage.StageCatalog}. Evaluating requirements against a document
 * is the stage engine's job (idflow-stage); this package only describes them.
 */
package io.idflow.api.stage;
