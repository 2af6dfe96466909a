import { addCard, addMfaCode, removeAccessCode, removeCard, removeMfaCodeByValue } from "@/lib/access/credentials";
import { createAccessUser, deleteAccessUser, getAccessUser, listAccessUsers, updateAccessUser } from "@/lib/access/users";
import { defineApiRoute } from "../define-api-route";
import {
  accessUserBody,
  accessUserDetail,
  accessUserList,
  accessUserParams,
  accessUserPatchBody,
  accessUsersQuery,
  addedMfaCode,
  card,
  cardBody,
  cardJson,
  cardList,
  cardParams,
  codeParams,
  detailJson,
  mfaCodeBody,
  mfaCodeValueBody,
  removedMfaCodes,
  summaryJson,
} from "../schemas/users";

/** Access users, their badge cards and MFA codes (lib/access/users.ts, credentials.ts). */

const users = ["Access users"];
const credentials = ["Credentials"];

export const listAccessUsersRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/access-users",
  summary: "List access users",
  description: "By name, one page at a time: pass the answer's nextCursor as ?cursor= for the next page.",
  tags: users,
  scope: "read",
  query: accessUsersQuery,
  responses: { 200: accessUserList },
  handler: async ({ actor, query }) => {
    const page = await listAccessUsers(actor, query);
    return { users: page.users.map(summaryJson), nextCursor: page.nextCursor };
  },
});

export const createAccessUserRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/access-users",
  summary: "Create an access user",
  tags: users,
  scope: "write",
  body: accessUserBody,
  responses: { 201: accessUserDetail },
  refusals: ["external_id_taken"],
  auditsItself: true,
  handler: async ({ actor, body, context }) => detailJson(await createAccessUser(actor, body, context)),
});

export const getAccessUserRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/access-users/{accessUserId}",
  summary: "Get an access user with their cards and codes",
  description: "Codes are listed by kind and length; their digits are never answered.",
  tags: users,
  scope: "read",
  params: accessUserParams,
  responses: { 200: accessUserDetail },
  handler: async ({ actor, params }) => detailJson(await getAccessUser(actor, params.accessUserId)),
});

export const updateAccessUserRoute = defineApiRoute({
  method: "PATCH",
  path: "/projects/{projectId}/access-users/{accessUserId}",
  summary: "Change an access user",
  description: "Fields left out stay; null clears email, external id and the member link.",
  tags: users,
  scope: "write",
  params: accessUserParams,
  body: accessUserPatchBody,
  responses: { 200: accessUserDetail },
  refusals: ["external_id_taken"],
  auditsItself: true,
  handler: async ({ actor, params, body, context }) => detailJson(await updateAccessUser(actor, params.accessUserId, body, context)),
});

export const deleteAccessUserRoute = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/access-users/{accessUserId}",
  summary: "Delete an access user with their cards and codes",
  tags: users,
  scope: "write",
  params: accessUserParams,
  responses: { 204: null },
  auditsItself: true,
  handler: async ({ actor, params, context }) => deleteAccessUser(actor, params.accessUserId, context),
});

export const addMfaCodeRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/access-users/{accessUserId}/mfa-codes",
  summary: "Add an MFA code",
  description:
    "Verkada's add MFA code: 4 to 16 digits, typed (`code`), or generated (`generate`, 6 digits unless `length` says otherwise). " +
    "Several people may share a code and a person may have several. A generated code is answered once, in `code`; a typed one is not echoed.",
  tags: credentials,
  scope: "write",
  params: accessUserParams,
  body: mfaCodeBody,
  responses: { 201: addedMfaCode },
  auditsItself: true,
  handler: async ({ actor, params, body, context }) => {
    const generated = "generate" in body;
    const added = await addMfaCode(actor, params.accessUserId, generated ? { generateLength: body.generate.length } : { code: body.code }, context);
    return { id: added.id, length: added.length, ...(generated ? { code: added.code } : {}) };
  },
});

export const removeMfaCodeByValueRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/access-users/{accessUserId}/mfa-codes/remove",
  summary: "Remove an MFA code by its value",
  description:
    "Verkada's delete MFA code, which names the code rather than an id: every MFA code of this user equal to `code` is removed. " +
    "A POST with the code in the body, not a DELETE with it in the URL: URLs end up in logs, and some clients drop a DELETE's body.",
  tags: credentials,
  scope: "write",
  params: accessUserParams,
  body: mfaCodeValueBody,
  responses: { 200: removedMfaCodes },
  // No event when nothing matched: the call is then traced as api.request.
  auditsItself: (result) => (result as { removed: number }).removed > 0,
  handler: async ({ actor, params, body, context }) => ({ removed: await removeMfaCodeByValue(actor, params.accessUserId, body.code, context) }),
});

export const removeMfaCodeRoute = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/access-users/{accessUserId}/mfa-codes/{codeId}",
  summary: "Remove an MFA code by its id",
  tags: credentials,
  scope: "write",
  params: codeParams,
  responses: { 204: null },
  auditsItself: true,
  // An MFA code only: the entry code's id here is not found (it is changed on the person's page).
  handler: async ({ actor, params, context }) => removeAccessCode(actor, params.accessUserId, params.codeId, context, "mfa"),
});

export const listCardsRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/access-users/{accessUserId}/cards",
  summary: "List an access user's cards",
  tags: credentials,
  scope: "read",
  params: accessUserParams,
  responses: { 200: cardList },
  handler: async ({ actor, params }) => ({ cards: (await getAccessUser(actor, params.accessUserId)).cards.map(cardJson) }),
});

export const addCardRoute = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/access-users/{accessUserId}/cards",
  summary: "Add a badge card",
  description: "Facility code 0-65535 and card number 0-2147483647; a card belongs to one person in the project.",
  tags: credentials,
  scope: "write",
  params: accessUserParams,
  body: cardBody,
  responses: { 201: card },
  refusals: ["card_taken"],
  auditsItself: true,
  handler: async ({ actor, params, body, context }) => cardJson(await addCard(actor, params.accessUserId, body, context)),
});

export const removeCardRoute = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/access-users/{accessUserId}/cards/{cardId}",
  summary: "Remove a badge card",
  tags: credentials,
  scope: "write",
  params: cardParams,
  responses: { 204: null },
  auditsItself: true,
  handler: async ({ actor, params, context }) => removeCard(actor, params.accessUserId, params.cardId, context),
});

/** In the order the reference lists them. */
export const ROUTES = [listAccessUsersRoute, createAccessUserRoute, getAccessUserRoute, updateAccessUserRoute, deleteAccessUserRoute, addMfaCodeRoute, removeMfaCodeByValueRoute, removeMfaCodeRoute, listCardsRoute, addCardRoute, removeCardRoute];
