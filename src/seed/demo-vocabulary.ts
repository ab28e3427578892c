import { RequestStatus } from "../workflow/request-lifecycle";
import { AppointmentStatus } from "../workflow/service-appointment-lifecycle";

/** Words the demo generator builds realistic-looking records from. */
export const COMPANY_WORDS = [
  "Northwind",
  "Bluebird",
  "Harbor",
  "Summit",
  "Evergreen",
  "Ironside",
  "Maple",
  "Crescent",
  "Granite",
  "Riverside",
  "Oakridge",
  "Silverline",
  "Pioneer",
  "Lakeshore",
  "Redwood",
  "Sterling",
];
export const COMPANY_KINDS = ["Facilities", "Hotels", "Clinics", "Foods", "Logistics", "Properties", "Manufacturing", "Retail Group", "Schools", "Utilities"];
export const INDUSTRIES = ["Construction", "Healthcare", "Hospitality", "Manufacturing", "Retail", "Utilities", "Other"];
export const FIRST_NAMES = [
  "Ava",
  "Ben",
  "Chloe",
  "Daniel",
  "Elena",
  "Farid",
  "Grace",
  "Hiro",
  "Isla",
  "Jonas",
  "Kira",
  "Liam",
  "Maya",
  "Noah",
  "Olga",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
];
export const LAST_NAMES = [
  "Anders",
  "Brooks",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Hughes",
  "Ito",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Patel",
];
export const CITIES: [string, string, string][] = [
  ["Austin", "TX", "US"],
  ["Denver", "CO", "US"],
  ["Leeds", "", "UK"],
  ["Lyon", "", "FR"],
  ["Toronto", "ON", "CA"],
  ["Chennai", "TN", "IN"],
];
export const STREETS = ["Market St", "Station Rd", "High St", "Elm Ave", "Harbour Way", "Mill Lane"];
export const SERVICES = [
  "HVAC Maintenance",
  "Boiler Inspection",
  "Filter Replacement",
  "Electrical Safety Check",
  "Pump Repair",
  "Chiller Service",
  "Fire Alarm Test",
  "Generator Service",
];
export const GOODS = ["Air Filter", "Thermostat", "Compressor", "Circuit Breaker", "Water Pump", "Fan Motor", "Pressure Valve", "Control Board"];
export const DEAL_STAGES = ["Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won"];
export const PRIORITIES = ["Critical", "High", "Medium", "Low"];
export const REQUEST_STATUSES = [RequestStatus.New, RequestStatus.EstimateCreated, RequestStatus.WorkInProgress, RequestStatus.Completed];
/** Work Orders take theirs from their appointments (workOrderStatusFromAppointments). */
export const APPOINTMENT_STATUSES = [AppointmentStatus.Scheduled, AppointmentStatus.Dispatched, AppointmentStatus.InProgress, AppointmentStatus.Completed];
export const TECHNICIANS = ["Alex Rivera", "Jordan Lee", "Morgan Chen", "Casey Novak", "Taylor Brandt"];
