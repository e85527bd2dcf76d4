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
  /** Where personas may live: the named region's cities ("teachers in Ohio"), else the place's. */
  cities: string[];
  /** The gender the description names ("a young mother", "retired men"), if any. */
  gender?: 'Female' | 'Male';
  occupation?: string;
  parent: boolean;
  commute?: string;
  ageRange: [number, number];
}

const PLACES: [RegExp, Place][] = [
  [
    /lagos|nigeria/i,
    {
      nationality: 'Nigerian',
      country: 'Nigeria',
      cities: ['Lagos', 'Abuja', 'Ibadan', 'Port Harcourt', 'Enugu'],
      cultures: ['Yoruba', 'Igbo', 'Hausa', 'Edo', 'Ijaw'],
    },
  ],
  [
    /kenya|nairobi/i,
    {
      nationality: 'Kenyan',
      country: 'Kenya',
      cities: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru'],
      cultures: ['Kikuyu', 'Luo', 'Kalenjin', 'Luhya'],
    },
  ],
  [
    /india|mumbai|delhi|bangalore/i,
    {
      nationality: 'Indian',
      country: 'India',
      cities: ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Pune'],
      cultures: ['Marathi', 'Tamil', 'Punjabi', 'Bengali', 'Gujarati'],
    },
  ],
  [
    /\buk\b|brit|england|london/i,
    {
      nationality: 'British',
      country: 'United Kingdom',
      cities: [
        'London',
        'Manchester',
        'Leeds',
        'Bristol',
        'Glasgow',
        'Birmingham',
        'Liverpool',
        'Sheffield',
        'Edinburgh',
        'Cardiff',
      ],
      cultures: ['English', 'Scottish', 'Welsh', 'British Asian', 'Black British'],
    },
  ],
  [
    /canad|toronto/i,
    {
      nationality: 'Canadian',
      country: 'Canada',
      cities: ['Toronto', 'Montreal', 'Vancouver', 'Calgary', 'Ottawa'],
      cultures: ['Anglophone', 'Francophone', 'Chinese Canadian', 'South Asian Canadian'],
    },
  ],
  [
    /german|berlin/i,
    {
      nationality: 'German',
      country: 'Germany',
      cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Leipzig'],
      cultures: ['Bavarian', 'Rhineland', 'Saxon', 'Turkish German'],
    },
  ],
  [
    /fran(ce|ç)|french|paris/i,
    {
      nationality: 'French',
      country: 'France',
      cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille'],
      cultures: ['Parisian', 'Provençal', 'Breton', 'Maghrebi French'],
    },
  ],
  [
    /brazil|são paulo|sao paulo/i,
    {
      nationality: 'Brazilian',
      country: 'Brazil',
      cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Recife', 'Porto Alegre'],
      cultures: ['Paulista', 'Carioca', 'Nordestino', 'Gaúcho'],
    },
  ],
  [
    /japan|tokyo|osaka/i,
    {
      nationality: 'Japanese',
      country: 'Japan',
      cities: ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Sapporo'],
      cultures: ['Kanto', 'Kansai', 'Kyushu', 'Hokkaido'],
    },
  ],
  [
    /austral|sydney|melbourne/i,
    {
      nationality: 'Australian',
      country: 'Australia',
      cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'],
      cultures: ['Anglo-Australian', 'Greek Australian', 'Chinese Australian', 'Aboriginal Australian'],
    },
  ],
  [
    /spain|spanish|madrid|barcelona/i,
    {
      nationality: 'Spanish',
      country: 'Spain',
      cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao'],
      cultures: ['Castilian', 'Catalan', 'Andalusian', 'Basque'],
    },
  ],
  [
    /ital(y|ian)|rome|milan/i,
    {
      nationality: 'Italian',
      country: 'Italy',
      cities: ['Rome', 'Milan', 'Naples', 'Turin', 'Bologna'],
      cultures: ['Lombard', 'Roman', 'Neapolitan', 'Sicilian'],
    },
  ],
  [
    /south africa|johannesburg|cape town/i,
    {
      nationality: 'South African',
      country: 'South Africa',
      cities: ['Johannesburg', 'Cape Town', 'Durban', 'Pretoria'],
      cultures: ['Zulu', 'Xhosa', 'Afrikaner', 'Cape Malay'],
    },
  ],
  [
    /mexic/i,
    {
      nationality: 'Mexican',
      country: 'Mexico',
      cities: ['Mexico City', 'Guadalajara', 'Monterrey', 'Puebla', 'Mérida'],
      cultures: ['Chilango', 'Norteño', 'Tapatío', 'Yucatecan'],
    },
  ],
  [
    /chin(a|ese)|beijing|shanghai|chengdu|shenzhen/i,
    {
      nationality: 'Chinese',
      country: 'China',
      cities: ['Shanghai', 'Beijing', 'Chengdu', 'Guangzhou', 'Wuhan', "Xi'an", 'Hangzhou'],
      cultures: ['Han', 'Zhuang', 'Hui', 'Manchu', 'Cantonese-speaking Han'],
    },
  ],
  [
    /norw(ay|egian)|\boslo\b|bergen|trondheim/i,
    {
      nationality: 'Norwegian',
      country: 'Norway',
      cities: ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Troms\u00f8', 'Kristiansand'],
      cultures: ['Norwegian', 'Sámi', 'Norwegian of Polish descent', 'Norwegian of Pakistani descent'],
    },
  ],
  [
    /swed(en|ish)|stockholm|gothenburg|malm(ö|o)/i,
    {
      nationality: 'Swedish',
      country: 'Sweden',
      cities: ['Stockholm', 'Gothenburg', 'Malm\u00f6', 'Uppsala', 'Ume\u00e5'],
      cultures: ['Swedish', 'Finnish Swede', 'Swedish of Syrian descent', 'Swedish of Iraqi descent'],
    },
  ],
  [
    /denmark|danish|copenhagen|aarhus/i,
    {
      nationality: 'Danish',
      country: 'Denmark',
      cities: ['Copenhagen', 'Aarhus', 'Odense', 'Aalborg'],
      cultures: ['Danish', 'Faroese', 'Danish of Turkish descent'],
    },
  ],
  [
    /scandinavi|nordic/i,
    {
      nationality: 'Swedish',
      country: 'Sweden',
      cities: ['Stockholm', 'Gothenburg', 'Malm\u00f6', 'Uppsala'],
      cultures: ['Swedish', 'Danish', 'Norwegian'],
    },
  ],
  [
    /\bus\b|\busa\b|americ|united states/i,
    {
      nationality: 'American',
      country: 'USA',
      cities: [
        'Columbus, Ohio',
        'Austin, Texas',
        'Atlanta, Georgia',
        'Phoenix, Arizona',
        'Denver, Colorado',
        'Raleigh, North Carolina',
        'Minneapolis, Minnesota',
        'Philadelphia, Pennsylvania',
        'San Diego, California',
        'Tampa, Florida',
        'Boston, Massachusetts',
        'Portland, Oregon',
      ],
      cultures: [
        'Suburban Midwestern',
        'Southern',
        'Urban Northeastern',
        'West Coast',
        'Hispanic American',
        'African American',
        'Asian American',
      ],
    },
  ],
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
const COMMUTE =
  /(?:commut\w*|travel\w*|get\w*\s+to\s+work)\s+(?:by|on)\s+(bus|train|bike|bicycle|car|subway|metro|foot|ferry|motorbike|okada)|take\w*\s+the\s+(bus|train|subway|metro|ferry)/i;

/** Reads the cues of a description. */
export function readCues(description: string): DescriptionCues {
  const place = placeNamedIn(description);
  const cityMatch = CITY.exec(description)?.[1];
  const city =
    cityMatch && !/^(the|US|USA|UK)$/i.test(cityMatch) && place.cities.some((c) => c.startsWith(cityMatch))
      ? cityMatch
      : undefined;
  const occupation = OCCUPATIONS.find(([pattern]) => pattern.test(description))?.[1];
  const parent = /\b(parents?|mothers?|fathers?|moms?|dads?|families)\b/i.test(description);
  const gender = /\b(mothers?|moms?|wom[ae]n|female|girls?|wives|wife|daughters?|grandmothers?|ladies|lady)\b/i.test(
    description,
  )
    ? 'Female'
    : /\b(fathers?|dads?|m[ae]n|male|boys?|husbands?|sons?|grandfathers?|gentlemen)\b/i.test(description)
      ? 'Male'
      : undefined;
  // A region after the city's comma ("Columbus, Ohio") named in the description keeps everyone in it.
  const inRegion = place.cities.filter((candidate) => {
    const region = candidate.split(', ')[1];
    return region !== undefined && new RegExp(`\\b${region}\\b`, 'i').test(description);
  });
  const cities = city ? [city] : inRegion.length ? inRegion : place.cities;
  const commuteMatch = COMMUTE.exec(description);
  const commute = commuteMatch ? (commuteMatch[1] ?? commuteMatch[2]).toLowerCase() : undefined;
  const explicit = /(\d{2})\s*(?:-|–|to)\s*(\d{2})/.exec(description);
  let ageRange: [number, number] = [18, 75];
  if (explicit) ageRange = [Number(explicit[1]), Number(explicit[2])];
  else if (parent && /\byoung\b/i.test(description)) ageRange = [22, 34];
  else if (parent) ageRange = [25, 60];
  else if (occupation === 'Student') ageRange = [18, 26];
  else if (/retire/i.test(description)) ageRange = [62, 85];
  else if (/\byoung\b|gen ?z/i.test(description)) ageRange = [18, 34];
  else if (/senior|older|elderly/i.test(description)) ageRange = [60, 85];
  else if (occupation) ageRange = [23, 64];
  return { place, city, cities, gender, occupation, parent, commute, ageRange };
}

/** Looks a place up by nationality or country text (for demography documents and combinations). */
export function placeFor(text: string): Place {
  return PLACES.find(([pattern]) => pattern.test(text))?.[1] ?? PLACES[PLACES.length - 1][1];
}

/** The place a description names, by country or nationality word, or by one of its cities ("commuters in Leeds"). */
function placeNamedIn(description: string): Place {
  const byName = PLACES.find(([pattern]) => pattern.test(description))?.[1];
  if (byName) return byName;
  const byCity = PLACES.find(([, place]) =>
    place.cities.some((city) =>
      new RegExp(`\\b${city.split(',')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'iu').test(description),
    ),
  );
  return byCity?.[1] ?? PLACES[PLACES.length - 1][1];
}
