/**
 * Service requests in the Open311 GeoReport v2 model: the service catalogue, submission with attribute
 * validation and duplicate suggestion, the lifecycle with SLAs in working days, overdue detection, and
 * the Open311 read paths.
 */
package id.go.jemberkab.platform.citizen.servicerequest;
