/** RFC 9457 problem responses: one stable type per kind of failure, field errors, never a stack trace. */
package id.go.jemberkab.platform.citizen.problem;
