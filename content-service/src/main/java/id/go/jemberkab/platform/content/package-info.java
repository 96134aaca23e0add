/** content-service wiring; the editorial, distribution and engagement features arrive in their own packages. */
package id.go.jemberkab.platform.content;
