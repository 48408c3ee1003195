/** The stage engine: requirements, the stage life cycle and the system tasks that drive stages. */
package io.idflow.stage;
