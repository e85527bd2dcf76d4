/** Word pools of the offline persona writer. Varied on purpose, so offline panels don't read as clones. */

export interface PersonalityType {
  label: string;
  /** Big Five leanings: H, M or L for O, C, E, A, N. */
  leaning: string;
  traits: string[];
  style: string;
}

export const PERSONALITY_TYPES: PersonalityType[] = [
  {
    label: 'Outgoing and energetic',
    leaning: 'HMHHL',
    traits: [
      "You make friends easily and remember everyone's birthday.",
      'You get restless after a quiet weekend.',
      'You speak up first in a group.',
    ],
    style: 'Warm, chatty and quick to laugh; tells stories with lots of detail.',
  },
  {
    label: 'Quiet and methodical',
    leaning: 'MHLMM',
    traits: [
      'You plan ahead and keep lists for everything.',
      'You prefer a few close friends to big gatherings.',
      'You think before you speak and dislike being rushed.',
    ],
    style: 'Measured and precise; short sentences, rarely exaggerates.',
  },
  {
    label: 'Anxious but caring',
    leaning: 'MMMHH',
    traits: [
      'You worry about the people you love.',
      'You double-check things others take for granted.',
      'You go out of your way to help a neighbour.',
    ],
    style: 'Gentle and apologetic; asks a lot of questions before deciding.',
  },
  {
    label: 'Skeptical and direct',
    leaning: 'MHMLL',
    traits: [
      'You distrust marketing and want to see the numbers.',
      'You say what you think, even when it is awkward.',
      'You respect competence more than charm.',
    ],
    style: 'Blunt and dry; cuts to the point and dislikes small talk.',
  },
  {
    label: 'Creative and curious',
    leaning: 'HLMHM',
    traits: [
      'You collect hobbies and abandon half of them.',
      'You ask "why" more than most people like.',
      'You notice design details others miss.',
    ],
    style: 'Playful and imaginative; jumps between ideas and uses vivid comparisons.',
  },
  {
    label: 'Pragmatic and steady',
    leaning: 'LHMHL',
    traits: [
      'You fix things yourself rather than call someone.',
      'You value routine and keep your promises.',
      'You rarely lose your temper.',
    ],
    style: 'Plain-spoken and practical; talks about what works and what it costs.',
  },
  {
    label: 'Ambitious and competitive',
    leaning: 'MHHLM',
    traits: [
      'You set yourself targets and track them.',
      'You hate losing, even at board games.',
      'You network without thinking about it.',
    ],
    style: 'Confident and fast-paced; talks about goals, results and next steps.',
  },
];

export const BELIEF_STANCES = [
  'Traditional and family-centred',
  'Progressive and reform-minded',
  'Pragmatic centrist',
  'Deeply religious',
  'Secular and science-minded',
  'Libertarian and self-reliant',
  'Community-minded and cooperative',
];

export const BELIEF_STATEMENTS: Record<string, string[]> = {
  'Traditional and family-centred': [
    'Family comes before career.',
    'Children need firm rules and clear routines.',
    'Respect for elders holds a community together.',
  ],
  'Progressive and reform-minded': [
    'Public services should be funded properly, even with higher taxes.',
    'Climate change needs urgent action.',
    'Equal pay and equal opportunity are not yet reality.',
  ],
  'Pragmatic centrist': [
    'Most problems are solved by compromise, not ideology.',
    'Both parties promise more than they deliver.',
    'A product is worth what it saves you in time or money.',
  ],
  'Deeply religious': [
    'Faith gives life its meaning and direction.',
    'Weekly worship keeps the family grounded.',
    'Charity is a duty, not a choice.',
  ],
  'Secular and science-minded': [
    'Decisions should follow evidence.',
    'Vaccines and public health research save lives.',
    'Religion is a private matter.',
  ],
  'Libertarian and self-reliant': [
    'People should keep more of what they earn.',
    'Government regulation usually makes things worse.',
    'You should be able to fix and own what you buy.',
  ],
  'Community-minded and cooperative': [
    'Neighbours should look out for each other.',
    'Local businesses deserve support over big chains.',
    'Volunteering is part of being a good citizen.',
  ],
};

export const TASTES = [
  'Cooking and trying recipes',
  'Outdoor activities and hiking',
  'Streaming series and films',
  'Reading fiction',
  'Football and sports on TV',
  'Gardening',
  'Music and live concerts',
  'Video games',
  'Travel on a budget',
  'DIY and home improvement',
  'Church and community events',
  'Fitness and running',
];

export const LIKES = [
  'Strong coffee in the morning',
  'Honest customer service',
  'Products that last for years',
  'Sunday family meals',
  'Quiet mornings',
  'Good deals and coupons',
  'Well-designed apps',
  'Local markets',
  'Long phone calls with old friends',
  'Podcasts during chores',
  'Spicy food',
  'Clean, organised spaces',
];

export const DISLIKES = [
  'Hidden fees',
  'Traffic jams',
  'Automated phone menus',
  'Being talked down to',
  'Waste and over-packaging',
  'Meetings that could be messages',
  'Pushy salespeople',
  'Apps that need constant updates',
  'Late payments',
  'Loud neighbours',
  'Subscription traps',
  'Cold weather',
];

export const GENERAL_BEHAVIORS = [
  'Compares prices on their phone before buying anything expensive.',
  'Keeps a paper calendar on the fridge.',
  'Reads reviews but trusts friends more.',
  'Saves a little every month, even when it is tight.',
  'Tends to say yes to favours and regret it later.',
  'Follows local news closely.',
  'Cooks in bulk on Sundays.',
  'Switches off notifications after 9 pm.',
  'Asks for recommendations in group chats.',
  'Walks whenever the distance allows.',
];

export const HEALTH = [
  'Good health; plays a sport once a week.',
  'Generally healthy, with occasional back pain from work.',
  'Manages mild asthma with an inhaler.',
  'Sleeps badly during busy periods.',
  'Healthy; trying to cut down on sugar.',
  'Type 2 diabetes, well controlled with diet and medication.',
  'Recovering from a knee injury; doing physiotherapy.',
];

export const GOALS = [
  'To buy a home of their own.',
  'To give their children a better start than they had.',
  'To get promoted within the next few years.',
  'To save enough to retire comfortably.',
  'To start a small business on the side.',
  'To travel abroad at least once a year.',
  'To get fit and stay healthy.',
  'To finish a degree or certification.',
];

export const VARIED_OCCUPATIONS = [
  'Teacher',
  'Nurse',
  'Software developer',
  'Retail manager',
  'Accountant',
  'Electrician',
  'Small business owner',
  'Driver',
  'Chef',
  'Administrative assistant',
  'Engineer',
  'Sales representative',
  'Student',
  'Retired',
  'Designer',
];

export interface OccupationProfile {
  organizations: string[];
  description: string;
  skills: string[];
  education: string;
  routine: string;
}

const GENERIC: OccupationProfile = {
  organizations: ['a mid-sized local company', 'a regional firm', 'a family business'],
  description: 'Works full time, juggling deadlines with a small team and a demanding manager.',
  skills: ['Time management', 'Customer communication', 'Spreadsheets'],
  education: 'Completed secondary school and a vocational certificate.',
  routine: 'Works 9 to 5 with a short lunch break at the desk.',
};

const OCCUPATION_PROFILES: Record<string, OccupationProfile> = {
  Nurse: {
    organizations: [
      'General Hospital',
      'a community health clinic',
      'a private hospital',
      'the university teaching hospital',
    ],
    description:
      'Works 12-hour ward shifts caring for patients, giving medication, charting and calming worried families; short-staffing makes nights hard.',
    skills: [
      'Patient assessment',
      'Administering medication',
      'Staying calm in emergencies',
      'Explaining care to families',
    ],
    education: 'Bachelor of Nursing Science; registered nurse licence.',
    routine: 'Alternates day and night shifts, three or four a week.',
  },
  Teacher: {
    organizations: ['a public primary school', 'a secondary school', 'a charter school'],
    description: 'Teaches classes of 25–35 pupils, plans lessons in the evening and marks homework at weekends.',
    skills: ['Classroom management', 'Lesson planning', 'Explaining things simply'],
    education: "Bachelor's degree in education and a teaching certificate.",
    routine: 'At school from 7:30 to 4, marking in the evening.',
  },
  Physician: {
    organizations: ['a teaching hospital', 'a family practice', 'an urgent care centre'],
    description: 'Sees 25 patients a day, diagnoses and prescribes, and spends too long on paperwork.',
    skills: ['Diagnosis', 'Prescribing', 'Breaking bad news gently'],
    education: 'Medical degree and residency.',
    routine: 'Long clinic days with on-call weekends.',
  },
  'Software developer': {
    organizations: ['a fintech start-up', 'a logistics software company', "a large bank's IT department"],
    description: 'Builds and maintains web applications, reviews code and fights with legacy systems.',
    skills: ['TypeScript', 'Debugging', 'Writing clear documentation'],
    education: "Bachelor's degree in computer science.",
    routine: 'Hybrid work: three days at home, stand-up at 9:30.',
  },
  Engineer: {
    organizations: ['a construction firm', 'a power utility', 'a car parts manufacturer'],
    description: 'Designs and checks technical systems, signs off on safety and manages contractors.',
    skills: ['Technical drawing', 'Project management', 'Safety inspections'],
    education: "Bachelor's degree in engineering.",
    routine: 'Office mornings, site visits in the afternoon.',
  },
  Student: {
    organizations: ['the state university', 'a community college', 'a technical institute'],
    description: 'Studies full time and works part time in a café to cover rent.',
    skills: ['Research', 'Note-taking', 'Working on a tight budget'],
    education: 'Currently enrolled in an undergraduate programme.',
    routine: 'Lectures in the morning, shifts in the evening.',
  },
  Retired: {
    organizations: ['retired'],
    description: 'Retired after a long working life; fills the week with family, volunteering and hobbies.',
    skills: ['Patience', 'Gardening', 'Handling household finances'],
    education: 'Finished school and learned a trade on the job.',
    routine: 'Wakes early, walks, and helps with grandchildren.',
  },
  Driver: {
    organizations: ['a delivery company', 'a ride-hailing app', 'a city bus operator'],
    description: 'Drives long shifts, knows every shortcut and deals with demanding customers.',
    skills: ['Navigation', 'Vehicle maintenance', 'Keeping calm in traffic'],
    education: "Finished secondary school; professional driver's licence.",
    routine: 'Starts at 6 am, finishes after rush hour.',
  },
  'Small business owner': {
    organizations: ['their own shop', 'a family-run restaurant', 'a neighbourhood salon'],
    description: 'Runs a small business: stock, staff, suppliers, taxes and customers, often all before noon.',
    skills: ['Bookkeeping', 'Negotiating with suppliers', 'Customer loyalty'],
    education: 'Some college; learned business by doing it.',
    routine: 'Opens at 8, closes the books late at night.',
  },
};

/** The profile of an occupation title, or a generic one. */
export function occupationProfile(title: string): OccupationProfile {
  const key = Object.keys(OCCUPATION_PROFILES).find((name) => title.toLowerCase().includes(name.toLowerCase()));
  return key
    ? OCCUPATION_PROFILES[key]
    : {
        ...GENERIC,
        description: `Works as ${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title.toLowerCase()}. ${GENERIC.description}`,
      };
}
