/**
 * What the offline model reads out of a population description ("US parents", "nurses in Lagos who
 * commute by bus"), so offline panels visibly follow the request.
 */

/** A place: who lives there, where exactly, and its cultural groups. */
export interface Place {
  nationality: string;
  country: string;
  cities: string[];
  cultures: string[];
}

/** Cues read from a description. */
export interface DescriptionCues {
  place: Place;
  /** The city named in the description, if any (everyone lives there). */
  city?: string;
  occupation?: string;
  parent: boolean;
  commute?: string;
  ageRange: [number, number];
}

const PLACES: [RegExp, Place][] = [
  [/lagos|nigeria/i, { nationality: 'Nigerian', country: 'Nigeria', cities: ['Lagos', 'Abuja', 'Ibadan', 'Port Harcourt', 'Enugu'], cultures: ['Yoruba', 'Igbo', 'Hausa', 'Edo', 'Ijaw'] }],
  [/kenya|nairobi/i, { nationality: 'Kenyan', country: 'Kenya', cities: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru'], cultures: ['Kikuyu', 'Luo', 'Kalenjin', 'Luhya'] }],
  [/india|mumbai|delhi|bangalore/i, { nationality: 'Indian', country: 'India', cities: ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Pune'], cultures: ['Marathi', 'Tamil', 'Punjabi', 'Bengali', 'Gujarati'] }],
  [/\buk\b|brit|england|london/i, { nationality: 'British', country: 'United Kingdom', cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow'], cultures: ['English', 'Scottish', 'Welsh', 'British Asian', 'Black British'] }],
  [/canad|toronto/i, { nationality: 'Canadian', country: 'Canada', cities: ['Toronto', 'Montreal', 'Vancouver', 'Calgary', 'Ottawa'], cultures: ['Anglophone', 'Francophone', 'Chinese Canadian', 'South Asian Canadian'] }],
  [/german|berlin/i, { nationality: 'German', country: 'Germany', cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Leipzig'], cultures: ['Bavarian', 'Rhineland', 'Saxon', 'Turkish German'] }],
  [/fran(ce|ç)|french|paris/i, { nationality: 'French', country: 'France', cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille'], cultures: ['Parisian', 'Provençal', 'Breton', 'Maghrebi French'] }],
  [/brazil|são paulo|sao paulo/i, { nationality: 'Brazilian', country: 'Brazil', cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Recife', 'Porto Alegre'], cultures: ['Paulista', 'Carioca', 'Nordestino', 'Gaúcho'] }],
  [/japan|tokyo|osaka/i, { nationality: 'Japanese', country: 'Japan', cities: ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Sapporo'], cultures: ['Kanto', 'Kansai', 'Kyushu', 'Hokkaido'] }],
  [/mexic/i, { nationality: 'Mexican', country: 'Mexico', cities: ['Mexico City', 'Guadalajara', 'Monterrey', 'Puebla', 'Mérida'], cultures: ['Chilango', 'Norteño', 'Tapatío', 'Yucatecan'] }],
  [/\bus\b|\busa\b|americ|united states/i, {
    nationality: 'American', country: 'USA',
    cities: ['Columbus, Ohio', 'Austin, Texas', 'Atlanta, Georgia', 'Phoenix, Arizona', 'Denver, Colorado', 'Raleigh, North Carolina', 'Minneapolis, Minnesota', 'Philadelphia, Pennsylvania', 'San Diego, California', 'Tampa, Florida', 'Boston, Massachusetts', 'Portland, Oregon'],
    cultures: ['Suburban Midwestern', 'Southern', 'Urban Northeastern', 'West Coast', 'Hispanic American', 'African American', 'Asian American'],
  }],
];

const OCCUPATIONS: [RegExp, string][] = [
  [/nurs(e|es|ing)\b/i, 'Nurse'],
  [/teacher|educator/i, 'Teacher'],
  [/doctor|physician/i, 'Physician'],
  [/software|developer|programmer/i, 'Software developer'],
  [/engineer/i, 'Engineer'],
  [/student/i, 'Student'],
  [/farmer/i, 'Farmer'],
  [/driver/i, 'Driver'],
  [/retire/i, 'Retired'],
  [/shop ?owner|small business|entrepreneur/i, 'Small business owner'],
  [/accountant/i, 'Accountant'],
  [/designer/i, 'Designer'],
  [/chef|cook/i, 'Chef'],
];

const CITY = /\b(?:in|from|around)\s+([A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?)/u;
const COMMUTE = /(?:commut\w*|travel\w*|get\w*\s+to\s+work)\s+(?:by|on)\s+(bus|train|bike|bicycle|car|subway|metro|foot|ferry|motorbike|okada)|take\w*\s+the\s+(bus|train|subway|metro|ferry)/i;

/** Reads the cues of a description. */
export function readCues(description: string): DescriptionCues {
  const place = PLACES.find(([pattern]) => pattern.test(description))?.[1] ?? PLACES[PLACES.length - 1][1];
  const cityMatch = CITY.exec(description)?.[1];
  const city = cityMatch && !/^(the|US|USA|UK)$/i.test(cityMatch) && place.cities.some((c) => c.startsWith(cityMatch)) ? cityMatch : undefined;
  const occupation = OCCUPATIONS.find(([pattern]) => pattern.test(description))?.[1];
  const parent = /\b(parents?|mothers?|fathers?|moms?|dads?|families)\b/i.test(description);
  const commuteMatch = COMMUTE.exec(description);
  const commute = commuteMatch ? (commuteMatch[1] ?? commuteMatch[2]).toLowerCase() : undefined;
  const explicit = /(\d{2})\s*(?:-|–|to)\s*(\d{2})/.exec(description);
  let ageRange: [number, number] = [18, 75];
  if (explicit) ageRange = [Number(explicit[1]), Number(explicit[2])];
  else if (parent) ageRange = [25, 60];
  else if (occupation === 'Student') ageRange = [18, 26];
  else if (/retire/i.test(description)) ageRange = [62, 85];
  else if (/\byoung\b|gen ?z/i.test(description)) ageRange = [18, 34];
  else if (/senior|older|elderly/i.test(description)) ageRange = [60, 85];
  else if (occupation) ageRange = [23, 64];
  return { place, city, occupation, parent, commute, ageRange };
}

/** Looks a place up by nationality or country text (for demography documents and combinations). */
export function placeFor(text: string): Place {
  return PLACES.find(([pattern]) => pattern.test(text))?.[1] ?? PLACES[PLACES.length - 1][1];
}
