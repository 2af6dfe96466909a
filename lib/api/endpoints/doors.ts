import { checkDoor } from "@/lib/access/door-check";
import { createDoor, deleteDoor, getDoor, listDoors, updateDoor } from "@/lib/access/doors";
import { defineApiRoute } from "../define-api-route";
import { doorBody, doorCheckBody, doorCheckJson, doorCheckResult, doorJson, doorList, doorParams, doorPatchBody, door } from "../schemas/doors";

/** Doors with their weekly schedules, and door checks (lib/access/doors.ts, door-check.ts). */

const tags = ["Doors"];

export const listDoorsRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/doors",
  summary: "List doors",
  tags,
  scope: "read",
  responses: { 200: doorList },
  handler: async ({ actor }) => ({ doors: (await listDoors(actor)).map(doorJson) }),
});

export const createDoorRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/doors",
  summary: "Add a door",
  description: "A door with its weekly schedule: windows of a weekday (1 = Monday … 7 = Sunday), each Card only or Card + code, in the project's time zone. Windows of a day must not overlap.",
  tags,
  scope: "write",
  body: doorBody,
  responses: { 201: door },
  refusals: ["door_name_taken"],
  auditsItself: true,
  handler: async ({ actor, body, context }) => doorJson(await createDoor(actor, body, context)),
});

export const getDoorRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/doors/{doorId}",
  summary: "Get a door",
  tags,
  scope: "read",
  params: doorParams,
  responses: { 200: door },
  handler: async ({ actor, params }) => doorJson(await getDoor(actor, params.doorId)),
});

export const updateDoorRoute = defineApiRoute({
  method: "PATCH",
  path: "/projects/{projectId}/doors/{doorId}",
  summary: "Rename a door or replace its schedule",
  tags,
  scope: "write",
  params: doorParams,
  body: doorPatchBody,
  responses: { 200: door },
  refusals: ["door_name_taken"],
  auditsItself: true,
  handler: async ({ actor, params, body, context }) => doorJson(await updateDoor(actor, params.doorId, body, context)),
});

export const deleteDoorRoute = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/doors/{doorId}",
  summary: "Delete a door",
  tags,
  scope: "write",
  params: doorParams,
  responses: { 204: null },
  auditsItself: true,
  handler: async ({ actor, params, context }) => deleteDoor(actor, params.doorId, context),
});

export const checkDoorRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/doors/{doorId}/checks",
  summary: "Check a card (and keypad code) at a door",
  description:
    "What the door's reader asks: a badge (facility code and card number) and, when the door is in a Card + code window, the MFA code typed on the keypad. " +
    "Answers whether the door opens and why. Every check is audited; 5 wrong codes for one card at one door within 5 minutes lock that card there for 5 minutes.",
  tags,
  scope: "write",
  params: doorParams,
  body: doorCheckBody,
  responses: { 200: doorCheckResult },
  auditsItself: true,
  handler: async ({ actor, params, body, context, now }) => doorCheckJson(await checkDoor(actor, { doorId: params.doorId, ...body }, context, now)),
});

/** In the order the reference lists them. */
export const ROUTES = [listDoorsRoute, createDoorRoute, getDoorRoute, updateDoorRoute, deleteDoorRoute, checkDoorRoute];
